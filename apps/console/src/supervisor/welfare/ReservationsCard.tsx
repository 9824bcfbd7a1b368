import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, useLanguage } from '../../shared/i18n-helpers';
import { formatInstant } from '../../shared/time';
import { QueryError } from '../common/QueryError';
import {
  type Reservation,
  type ReservationStatus,
  useReleaseReservation,
  useReservations,
  type WelfarePool,
} from './useWelfare';
import { ReservationPerson } from './ReservationPerson';

const PAGE_SIZE = 20;
export const RESERVATIONS_CARD_ID = 'welfare-reservations-card';
const RESERVATION_STATUSES = [
  'held',
  'confirmed',
  'released',
  'expired',
] as const satisfies readonly ReservationStatus[];
const STATUS_COLOURS: Record<ReservationStatus, string> = {
  held: 'gold',
  confirmed: 'green',
  released: 'default',
  expired: 'default',
};

/**
 * Recent holds the cases made on welfare slots and base capacity, in the supervisor's area: give back one that is
 * stuck (the case confirms a taken post itself). The pool filter is the page's, so a pool row's "reservations"
 * action can set it.
 */
export function ReservationsCard({
  pools,
  poolId,
  onPoolChange,
}: {
  pools: readonly WelfarePool[];
  poolId: string | undefined;
  onPoolChange: (poolId: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [caseId, setCaseId] = useState<string>();
  const [status, setStatus] = useState<ReservationStatus>();
  const [page, setPage] = useState(1);
  const [shownPoolId, setShownPoolId] = useState(poolId);
  // A new pool filter (from this card or from a pool row) starts again at page 1.
  if (shownPoolId !== poolId) {
    setShownPoolId(poolId);
    setPage(1);
  }
  const reservations = useReservations({ caseId, poolId, status }, page, PAGE_SIZE);
  const release = useReleaseReservation();

  const poolName = (poolId: string | null) => {
    const pool = pools.find((p) => p.id === poolId);
    if (!pool) return '—';
    return `${pool.postType} (${pool.period})`;
  };
  const poolOptions = [
    ...pools.map((pool) => ({ value: pool.id, label: poolName(pool.id) })),
    ...(poolId && !pools.some((pool) => pool.id === poolId)
      ? [{ value: poolId, label: poolName(poolId) }]
      : []),
  ];
  const giveBack = (reservation: Reservation) =>
    release.mutateAsync(reservation.id).then(
      () => void message.success(t('supervisor:welfare.releaseDone')),
      (error: unknown) => void message.error(errorMessage(error, language)),
    );

  const columns: ColumnsType<Reservation> = [
    {
      title: t('supervisor:welfare.kind'),
      dataIndex: 'kind',
      render: (kind: Reservation['kind']) => t(`common:escalationKind.${kind}`),
    },
    {
      title: t('supervisor:welfare.pool'),
      key: 'pool',
      render: (_, reservation) =>
        reservation.kind === 'welfare_slot' ? poolName(reservation.poolId) : reservation.period,
    },
    {
      title: t('supervisor:welfare.person'),
      dataIndex: 'caseId',
      render: (id: string) => <ReservationPerson caseId={id} />,
    },
    {
      title: t('supervisor:welfare.status'),
      dataIndex: 'status',
      render: (status: ReservationStatus) => (
        <Tag color={STATUS_COLOURS[status]}>{t(`supervisor:welfare.statuses.${status}`)}</Tag>
      ),
    },
    {
      title: t('supervisor:welfare.expiresAt'),
      dataIndex: 'expiresAt',
      render: (at: string) => formatInstant(at, language),
    },
    {
      title: t('supervisor:welfare.actions'),
      key: 'actions',
      render: (_, reservation) =>
        (reservation.status === 'held' || reservation.status === 'confirmed') && (
          <Popconfirm
            title={t('supervisor:welfare.releaseTitle')}
            description={t('supervisor:welfare.releaseText')}
            okText={t('supervisor:welfare.release')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:cancel')}
            onConfirm={() => giveBack(reservation)}
          >
            <Button size="small" danger>
              {t('supervisor:welfare.release')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card id={RESERVATIONS_CARD_ID} title={t('supervisor:welfare.reservationsTitle')} size="small">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label={t('supervisor:welfare.caseId')} htmlFor="reservations-case">
            <Input.Search
              id="reservations-case"
              allowClear
              style={{ width: 320 }}
              enterButton={t('supervisor:welfare.search')}
              onSearch={(value) => {
                setCaseId(value.trim() || undefined);
                setPage(1);
              }}
            />
          </Form.Item>
          <Form.Item label={t('supervisor:welfare.pool')} htmlFor="reservations-pool">
            <Select
              id="reservations-pool"
              style={{ width: 260 }}
              allowClear
              placeholder={t('supervisor:welfare.allPools')}
              value={poolId}
              options={poolOptions}
              onChange={(value?: string) => onPoolChange(value)}
            />
          </Form.Item>
          <Form.Item label={t('supervisor:welfare.status')} htmlFor="reservations-status">
            <Select
              id="reservations-status"
              style={{ width: 140 }}
              allowClear
              placeholder={t('supervisor:welfare.allStatuses')}
              value={status}
              options={RESERVATION_STATUSES.map((value) => ({
                value,
                label: t(`supervisor:welfare.statuses.${value}`),
              }))}
              onChange={(value?: ReservationStatus) => {
                setStatus(value);
                setPage(1);
              }}
            />
          </Form.Item>
        </Form>
        {reservations.isError && <QueryError error={reservations.error} />}
        <Table<Reservation>
          aria-label={t('supervisor:welfare.reservationsTitle')}
          data-testid="welfare-reservations"
          rowKey="id"
          size="small"
          loading={reservations.isLoading}
          columns={columns}
          dataSource={reservations.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: reservations.data?.total ?? 0,
            showSizeChanger: false,
            onChange: setPage,
          }}
          locale={{ emptyText: t('supervisor:welfare.noReservations') }}
        />
      </Space>
    </Card>
  );
}
