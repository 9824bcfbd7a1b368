import type { ServiceRecord } from './use-service-records';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The case workflow writes its service records' outcomes in a fixed English form (it cannot know the reader's
 * language): "962110 case <id>", "phone, reached: <note>", "reached; working; satisfaction 4: <note>",
 * "still employed: <note>", "job proposed", "person accepted <referral id>". The operator reads them as
 * sentences in their language, without ids; anything else (written by staff) is shown as written.
 */
export function outcomeText(record: Pick<ServiceRecord, 'kind' | 'outcome'>, t: Translate): string {
  const o = record.outcome;
  let m: RegExpExecArray | null;
  switch (record.kind) {
    case 'registration':
      if (/^962110 case [0-9a-f-]{36}$/.test(o)) return t('records:hotlineRegistration');
      break;
    case 'visit':
      if ((m = /^(phone|in-person|online|sms|home-visit), (reached|not reached): ([\s\S]*)$/.exec(o))) {
        const channel = t(`records:outcome.channel.${m[1]}`);
        return t(m[2] === 'reached' ? 'records:outcome.contactReached' : 'records:outcome.contactMissed', {
          channel,
          note: m[3],
        });
      }
      break;
    case 'callback':
      if ((m = /^reached; (working|not working); satisfaction (\d): ([\s\S]*)$/.exec(o))) {
        return t(
          m[1] === 'working' ? 'records:outcome.callbackWorking' : 'records:outcome.callbackNotWorking',
          {
            satisfaction: m[2],
            note: m[3],
          },
        );
      }
      if ((m = /^not reached: ([\s\S]*)$/.exec(o))) return t('records:outcome.notReached', { note: m[1] });
      break;
    case 'follow-up':
      if ((m = /^(still employed|out of work): ([\s\S]*)$/.exec(o))) {
        return t(m[1] === 'still employed' ? 'records:outcome.stillEmployed' : 'records:outcome.outOfWork', {
          note: m[2],
        });
      }
      if ((m = /^not reached: ([\s\S]*)$/.exec(o))) return t('records:outcome.notReached', { note: m[1] });
      break;
    case 'job-referral':
      if (o === 'job proposed') return t('records:outcome.jobProposed');
      if (/^person accepted [0-9a-f-]{36}$/.test(o)) return t('records:outcome.jobAccepted');
      if ((m = /^person declined [0-9a-f-]{36}( \(.*, not a valid reason\))?$/.exec(o))) {
        return t(m[1] ? 'records:outcome.jobDeclinedUnjustified' : 'records:outcome.jobDeclined');
      }
      break;
  }
  return o;
}
