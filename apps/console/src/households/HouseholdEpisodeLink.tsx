import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePersonHouseholdEpisode } from './use-households';

/**
 * On the case page: when the person's household is being helped as a zero-employment household (an open episode,
 * or one whose member is followed up), a link to that household's page. Nothing otherwise, also when the
 * household or its episodes cannot be read.
 */
export function HouseholdEpisodeLink({ personId }: { personId: string | null }) {
  const { t } = useTranslation();
  const episode = usePersonHouseholdEpisode(personId);
  if (!episode.data) return null;
  return (
    <Link
      to={`/operator/households/${encodeURIComponent(episode.data.episodeId)}`}
      data-testid="household-link"
    >
      {t('households:caseLink')}
    </Link>
  );
}
