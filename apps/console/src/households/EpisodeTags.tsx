import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EpisodeSummary } from './api-types';
import { CLOCK_COLOURS, clockStateOf, DOUBLE_COLOURS, doubleStateOf } from './household-rows';

/** The 20-day clock in words: days left while open, a red tag when overdue, an orange one at the warning. */
export function ClockTag({
  episode,
}: {
  episode: Pick<EpisodeSummary, 'status' | 'breached' | 'warned' | 'metAt' | 'daysLeft'>;
}) {
  const { t } = useTranslation();
  const state = clockStateOf(episode);
  const left =
    episode.status === 'open' && !episode.breached && episode.daysLeft !== null
      ? episode.daysLeft <= 0
        ? t('households:dueToday')
        : t('households:daysLeft', { n: episode.daysLeft })
      : null;
  return (
    <Space size={4} data-testid="clock-state" data-state={state}>
      {state !== 'on-track' && <Tag color={CLOCK_COLOURS[state]}>{t(`households:clock.${state}`)}</Tag>}
      {left && <Typography.Text>{left}</Typography.Text>}
    </Space>
  );
}

export function DoubleTag({
  episode,
}: {
  episode: Pick<EpisodeSummary, 'doubleRequestedAt' | 'doubleMetAt' | 'doubleBreached'> &
    Partial<Pick<EpisodeSummary, 'status'>>;
}) {
  const { t } = useTranslation();
  const state = doubleStateOf(episode);
  return state === 'none' ? (
    <Typography.Text type="secondary">{t('households:double.none')}</Typography.Text>
  ) : (
    <Tag color={DOUBLE_COLOURS[state]}>{t(`households:double.${state}`)}</Tag>
  );
}

export function StatusTag({ episode }: { episode: Pick<EpisodeSummary, 'status'> }) {
  const { t } = useTranslation();
  const colour = { open: 'processing', resolved: 'success', closed: 'default' }[episode.status];
  return (
    <Tag color={colour} data-testid="episode-status">
      {t(`households:status.${episode.status}`)}
    </Tag>
  );
}

/** The community's name in the console's language (the Chinese one when there is no English name). */
export function communityNameOf(
  episode: Pick<EpisodeSummary, 'communityName' | 'communityNameEn'>,
  language: 'zh' | 'en',
): string {
  return (
    (language === 'en' ? (episode.communityNameEn ?? episode.communityName) : episode.communityName) ?? '—'
  );
}
