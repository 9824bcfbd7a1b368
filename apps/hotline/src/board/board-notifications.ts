import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Observable, ReplaySubject, Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { BOARD_CONFIG, BoardConfig } from './board-config';
import { BOARD_CHANNEL } from './case-board-projector';

export interface BoardChange {
  caseId: string;
  cycle: number;
  seq: number;
  /** Looked up once per notification, so each stream filters by scope without a query. */
  orgPath: string;
}

const RECONNECT_MS = 1_000;
const RECENT_LIMIT = 1_000;

/** One LISTEN connection per process, shared by every open board stream. */
@Injectable()
export class BoardNotifications implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BoardNotifications.name);
  private readonly subject = new Subject<BoardChange>();
  private readonly shutdown = new ReplaySubject<void>(1);
  private client: Client | undefined;
  private closing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Changes pushed lately, so each (case, cycle, seq) is pushed once (see `relay`). */
  private readonly recent = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BOARD_CONFIG) private readonly config: BoardConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  /** Completes every open stream before the HTTP server closes, which would otherwise wait for them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    this.shutdown.next();
    this.subject.complete();
    await this.client?.end().catch(() => undefined);
  }

  changes(): Observable<BoardChange> {
    return this.subject.asObservable();
  }

  /** Emits once when the process shuts down. */
  closed(): Observable<void> {
    return this.shutdown.asObservable();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'hotline:case-board-listen',
    });
    this.client = client;
    client.on('notification', (message) => void this.relay(message.payload));
    const lost = (error?: Error) => {
      if (this.closing || this.client !== client) return;
      this.logger.warn({ err: error }, 'the board LISTEN connection was lost; reconnecting');
      this.client = undefined;
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.connect().catch((e) => lost(e)), RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${BOARD_CHANNEL}`);
    } catch (error) {
      lost(error as Error);
    }
  }

  /**
   * The channel is database-wide: another schema's board (another deployment or a test) notifies the same
   * changes. A change is pushed only once this schema's row holds it, and only once.
   */
  private async relay(payload: string | undefined): Promise<void> {
    if (this.closing) return;
    try {
      const { caseId, cycle, seq } = JSON.parse(payload ?? 'null') as Omit<BoardChange, 'orgPath'>;
      const key = `${caseId}:${cycle}:${seq}`;
      if (this.recent.has(key)) return;
      const schema = String((this.dataSource.options as { schema?: string }).schema);
      const [row]: Array<{ org_path: string; last_seq: number }> = await this.dataSource.query(
        `SELECT org_path, last_seq FROM "${schema}".case_board WHERE case_id = $1 AND cycle = $2`,
        [caseId, cycle],
      );
      if (!row || row.last_seq < seq || this.recent.has(key)) return;
      this.recent.add(key);
      if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.values().next().value!);
      this.subject.next({ caseId, cycle, seq, orgPath: row.org_path });
    } catch (error) {
      this.logger.warn({ err: error }, 'board notification not relayed');
    }
  }
}
