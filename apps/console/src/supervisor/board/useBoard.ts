import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, apiUrl, currentToken } from '../../shared/api';
import type { BoardItem, BoardView } from './board-rows';

export interface BoardFilter {
  view: BoardView;
  districtCode?: string;
  streetCode?: string;
  communityCode?: string;
  page: number;
  pageSize: number;
}

interface BoardPage {
  items: BoardItem[];
  total: number;
}

export const BOARD_KEY = ['supervisor', 'board'] as const;

export function useBoard(filter: BoardFilter) {
  const { page, pageSize, ...rest } = filter;
  return useQuery({
    queryKey: [...BOARD_KEY, filter],
    queryFn: () =>
      api<BoardPage>('hotline', '/board', {
        query: { ...rest, limit: pageSize, offset: (page - 1) * pageSize },
      }),
    // Keeps the rows on screen while a pushed change or a new page is fetched.
    placeholderData: keepPreviousData,
  });
}

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/** A burst of changes (a batch import, a calendar change) becomes one reload of the board. */
const COALESCE_MS = 500;
/** When the server closed the stream for good (e.g. it restarted), a new one is opened after this. */
const REOPEN_MS = 5_000;
const MAX_REOPEN_MS = 60_000;

/**
 * Subscribes to GET /board/stream (Server-Sent Events): each `case-board` event names a changed case, and
 * the board is fetched again so its ranking and remaining times stay the server's.
 */
export function useBoardStream(): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let reload: ReturnType<typeof setTimeout> | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;

    // The first GET /board may have been answered before the stream subscribed: read it again once live.
    let missedChanges = true;
    let reopenDelay = REOPEN_MS;

    const open = () => {
      source = new EventSource(apiUrl('hotline', '/board/stream', { access_token: currentToken() }));
      source.onopen = () => {
        setStatus('live');
        reopenDelay = REOPEN_MS;
        // Changes made while the stream was down were never pushed: read the board again.
        if (missedChanges) void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
        missedChanges = false;
      };
      source.onerror = () => {
        setStatus('reconnecting');
        missedChanges = true;
        // The browser retries by itself unless the stream was closed for good.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          // An expired token also closes the stream: an ordinary call finds out (a 401 ends the session and
          // unmounts the board); otherwise try again, waiting longer each time.
          reopen = setTimeout(() => {
            void api('hotline', '/auth/me').then(open, open);
          }, reopenDelay);
          reopenDelay = Math.min(reopenDelay * 2, MAX_REOPEN_MS);
        }
      };
      // A burst of events becomes one reload, at most COALESCE_MS after the first (a steady stream of changes
      // must not postpone it forever).
      source.addEventListener('case-board', () => {
        if (reload !== undefined) return;
        reload = setTimeout(() => {
          reload = undefined;
          void queryClient.invalidateQueries({ queryKey: BOARD_KEY });
        }, COALESCE_MS);
      });
    };
    open();

    return () => {
      clearTimeout(reload);
      clearTimeout(reopen);
      source?.close();
    };
  }, [queryClient]);

  return status;
}
