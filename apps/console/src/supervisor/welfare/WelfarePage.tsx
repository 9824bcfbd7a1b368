import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Progress, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import { fixedOrgLevels } from '../board/board-rows';
import { QueryError } from '../common/QueryError';
import { unitName, useChildUnits, useUnitNames } from '../../shared/org-units';
import { CreatePoolDialog } from './PoolDialogs';
import { poolUsage } from './pool-usage';
import { RESERVATIONS_CARD_ID, ReservationsCard } from './ReservationsCard';
import { usePools, type WelfarePool } from './useWelfare';

const PAGE_SIZE = 20;

/** Public-welfare post pools: capacity and use per district and month, and the holds the cases made on them. */
export function WelfarePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const city = fixedOrgLevels(useUser().orgPath).city;
  const [districtCode, setDistrictCode] = useState<string>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [reservationsPoolId, setReservationsPoolId] = useState<string>();
  const pools = usePools(districtCode, page, PAGE_SIZE);
  const districts = useChildUnits(city);
  const items = pools.data?.items ?? [];
  const nameOf = useUnitNames(
    items.map((pool) => pool.districtCode),
    language,
  );
  const districtOptions = [
    { value: city, label: t('supervisor:welfare.cityWide') },
    ...(districts.data ?? []).map((unit) => ({ value: unit.code, label: unitName(unit, language) })),
  ];

  const columns: ColumnsType<WelfarePool> = [
    { title: t('supervisor:welfare.period'), dataIndex: 'period' },
    {
      title: t('supervisor:welfare.district'),
      dataIndex: 'districtCode',
      render: (code: string) => (code === city ? t('supervisor:welfare.cityWide') : nameOf(code)),
    },
    { title: t('supervisor:welfare.postType'), dataIndex: 'postType' },
    { title: t('supervisor:welfare.funded'), dataIndex: 'fundedSlots', align: 'right' },
    { title: t('supervisor:welfare.reserve'), dataIndex: 'priorityReserve', align: 'right' },
    {
      title: t('supervisor:welfare.used'),
      key: 'used',
      render: (_, pool) => {
        const usage = poolUsage(pool);
        return (
          <Space orientation="vertical" size={0} style={{ minWidth: 160 }}>
            <span>{t('supervisor:welfare.usedOf', { taken: pool.taken, funded: pool.fundedSlots })}</span>
            <Progress
              percent={usage.percentUsed}
              size="small"
              status={usage.free === 0 ? 'exception' : 'normal'}
              aria-label={t('supervisor:welfare.usedOf', { taken: pool.taken, funded: pool.fundedSlots })}
            />
          </Space>
        );
      },
    },
    {
      title: t('supervisor:welfare.free'),
      key: 'free',
      render: (_, pool) => {
        const usage = poolUsage(pool);
        return t('supervisor:welfare.freeDetail', { free: usage.free, anyone: usage.freeForAnyone });
      },
    },
    {
      title: t('supervisor:welfare.actions'),
      key: 'actions',
      render: (_, pool) => (
        <Space>
          <Button
            size="small"
            onClick={() => {
              setReservationsPoolId(pool.id);
              document.getElementById(RESERVATIONS_CARD_ID)?.scrollIntoView({ block: 'start' });
            }}
            data-testid={`pool-reservations-${pool.id}`}
          >
            {t('supervisor:welfare.showHolds')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('supervisor:welfare.title')}
      </Typography.Title>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Form layout="inline">
          <Form.Item label={t('supervisor:welfare.district')} htmlFor="welfare-district">
            <Select
              id="welfare-district"
              style={{ width: 180 }}
              allowClear
              placeholder={t('supervisor:welfare.allDistricts')}
              value={districtCode}
              options={districtOptions}
              onChange={(code?: string) => {
                setDistrictCode(code);
                setPage(1);
              }}
            />
          </Form.Item>
        </Form>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('supervisor:welfare.createPool')}
        </Button>
      </Space>
      {pools.isError && <QueryError error={pools.error} onRetry={() => void pools.refetch()} />}
      <Table<WelfarePool>
        aria-label={t('supervisor:welfare.poolsTable')}
        data-testid="welfare-pools"
        rowKey="id"
        size="small"
        loading={pools.isLoading}
        columns={columns}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: pools.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        locale={{ emptyText: t('supervisor:welfare.noPools') }}
      />
      <ReservationsCard pools={items} poolId={reservationsPoolId} onPoolChange={setReservationsPoolId} />
      <CreatePoolDialog
        open={creating}
        districtOptions={districtOptions}
        onClose={() => setCreating(false)}
      />
    </Space>
  );
}
