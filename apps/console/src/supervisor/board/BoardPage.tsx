import { Badge, Card, Form, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasAnyRole, useUser } from '../../shared/auth';
import { useLanguage } from '../../shared/i18n-helpers';
import { formatInstant, formatWorkingTime } from '../../shared/time';
import { QueryError } from '../common/QueryError';
import { unitName, useUnitNames } from '../../shared/org-units';
import { OrgUnitFilters, useOrgUnitFilter } from '../../shared/OrgUnitFilters';
import {
  BOARD_VIEWS,
  type BoardItem,
  type BoardRiskReason,
  type BoardView,
  rowClassOf,
  type Urgency,
  urgencyOf,
} from './board-rows';
import { type StreamStatus, useBoard, useBoardStream } from './useBoard';
import { BoardRowActions } from './BoardRowActions';
import { shortId } from '../../shared/format';

const URGENCY_COLOURS: Record<Urgency, string> = {
  breached: 'red',
  'at-risk': 'orange',
  'on-track': 'blue',
  placed: 'green',
  waived: 'default',
  'not-applicable': 'default',
};

/** Red for what has already gone wrong, orange for what is about to, default for who works the case. */
const REASON_COLOURS: Record<BoardRiskReason, string> = {
  'escalation-failed': 'red',
  'registration-failed': 'red',
  'deadline-near': 'orange',
  'no-referral-yet': 'orange',
  'employer-silent': 'gold',
  'person-declined': 'gold',
  'callback-overdue': 'volcano',
  'follow-up-overdue': 'volcano',
  'owner-unavailable': 'purple',
};

const STREAM_BADGES: Record<StreamStatus, 'success' | 'processing' | 'warning'> = {
  live: 'success',
  connecting: 'processing',
  reconnecting: 'warning',
};

const PAGE_SIZE = 50;

/** The SLA board: open cases of the user's area, least remaining working time first, updated live. */
export function BoardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useUser();
  const [view, setView] = useState<BoardView>('all');
  const [page, setPage] = useState(1);

  const units = useOrgUnitFilter(() => setPage(1));
  const board = useBoard({
    view,
    districtCode: units.districtCode,
    streetCode: units.streetCode,
    communityCode: units.communityCode,
    page,
    pageSize: PAGE_SIZE,
  });
  const stream = useBoardStream();

  const items = board.data?.items ?? [];
  const nameOf = useUnitNames(
    items.flatMap((item) => [item.districtCode, item.streetCode, item.communityCode]),
    language,
  );

  const columns: ColumnsType<BoardItem> = [
    {
      title: t('supervisor:board.case'),
      dataIndex: 'caseId',
      render: (caseId: string) => (
        <Link to={`/operator/cases/${caseId}`} aria-label={t('supervisor:board.openCase', { id: caseId })}>
          <Typography.Text code>{shortId(caseId)}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('supervisor:board.urgency'),
      key: 'urgency',
      render: (_, item) => {
        const urgency = urgencyOf(item);
        return <Tag color={URGENCY_COLOURS[urgency]}>{t(`supervisor:urgency.${urgency}`)}</Tag>;
      },
    },
    {
      title: t('supervisor:board.state'),
      dataIndex: 'state',
      render: (state: string) => t(`common:caseState.${state}`, { defaultValue: state }),
    },
    {
      title: t('supervisor:board.reasons'),
      key: 'reasons',
      render: (_, item) =>
        item.reasons.length ? (
          <Space size={[0, 4]} wrap style={{ maxWidth: 220 }}>
            {item.reasons.map((reason: BoardRiskReason) => (
              <Tag key={reason} color={REASON_COLOURS[reason]} data-testid={`reason-${reason}`}>
                {t(`supervisor:riskReason.${reason}`)}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('supervisor:board.owner'),
      key: 'owner',
      // The display name; the account name only when the account is gone.
      render: (_, item) => item.ownerName ?? item.owner,
    },
    {
      title: t('supervisor:board.area'),
      key: 'area',
      // Two lines keep the table inside a 1366 px screen even with English names.
      render: (_, item) => (
        <Space orientation="vertical" size={0}>
          <span>
            {nameOf(item.districtCode)} / {nameOf(item.streetCode)}
          </span>
          <Typography.Text type="secondary">
            {item.communityName
              ? unitName({ nameZh: item.communityName.zh, nameEn: item.communityName.en }, language)
              : nameOf(item.communityCode)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('supervisor:board.deadline'),
      dataIndex: 'deadline',
      render: (deadline: string | null) => formatInstant(deadline, language),
    },
    {
      title: t('supervisor:board.remaining'),
      dataIndex: 'remaining',
      render: (remaining: BoardItem['remaining']) =>
        remaining ? formatWorkingTime(remaining.ms, language) : '—',
    },
    {
      title: t('supervisor:board.escalation'),
      dataIndex: 'escalationKind',
      render: (kind: BoardItem['escalationKind']) => (kind ? t(`common:escalationKind.${kind}`) : '—'),
    },
    // Supervisors act from the row; operators open the case from its link.
    ...(hasAnyRole(user, ['supervisor'])
      ? [
          {
            title: t('supervisor:actions.title'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, item: BoardItem) => <BoardRowActions item={item} />,
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space align="center" wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('supervisor:board.title')}
        </Typography.Title>
        <span role="status" aria-live="polite" data-testid="board-live" data-status={stream}>
          <Badge status={STREAM_BADGES[stream]} text={t(`supervisor:board.stream.${stream}`)} />
        </span>
      </Space>
      <Card size="small">
        <Form layout="inline" aria-label={t('supervisor:board.filters')}>
          <Form.Item label={t('supervisor:board.view')}>
            <Radio.Group
              optionType="button"
              value={view}
              onChange={(event) => {
                setView(event.target.value as BoardView);
                setPage(1);
              }}
              options={BOARD_VIEWS.map((value) => ({ value, label: t(`supervisor:board.views.${value}`) }))}
            />
          </Form.Item>
          <OrgUnitFilters
            filter={units}
            idPrefix="board"
            labels={{
              district: t('supervisor:board.district'),
              street: t('supervisor:board.street'),
              community: t('supervisor:board.community'),
              allUnits: t('supervisor:board.allUnits'),
            }}
          />
        </Form>
      </Card>
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      <Table<BoardItem>
        data-testid="board-table"
        aria-label={t('supervisor:board.tableLabel')}
        rowKey="caseId"
        size="small"
        loading={board.isLoading}
        columns={columns}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        rowClassName={rowClassOf}
        onRow={(item) =>
          ({
            'data-testid': `board-row-${item.caseId}`,
            'data-breached': String(item.breached),
            'data-at-risk': String(item.atRisk),
            'data-reasons': item.reasons.join(' '),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: board.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('supervisor:board.total', { n: total }),
          onChange: setPage,
        }}
        locale={{ emptyText: t('supervisor:board.empty') }}
      />
    </Space>
  );
}
