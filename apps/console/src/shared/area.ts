import type { ComponentType, ReactNode } from 'react';
import type { Role } from './auth';

/** One role-based area of the console: its menu and its own <Routes> under /<key>/. */
export interface ConsoleArea {
  key: 'operator' | 'employer' | 'supervisor';
  /** i18n key of the area's name. */
  title: string;
  roles: readonly Role[];
  /** Entries under /<key>/<path>; label is an i18n key. The first one is the area's home. */
  menu: ReadonlyArray<{ path: string; label: string; icon: ReactNode }>;
  Routes: ComponentType;
}
