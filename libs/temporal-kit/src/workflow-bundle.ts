import { join, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const REPO_ROOT = resolve(__dirname, '../../..');

/** The entry point that lists every workflow of the "hotline" worker. */
export const WORKFLOWS_PATH = join(REPO_ROOT, 'workflows/src/index.ts');

/** The failure converter that moves failure messages into encrypted payloads (see the module). */
export const ENCODED_FAILURE_CONVERTER_PATH = join(__dirname, 'encoded-failure-converter.ts');

/** Pure libs workflow code may import; anything else is refused by lint and by the bundler. */
const WORKFLOW_SAFE_ALIASES: Record<string, string> = {
  '@platform/contracts': join(REPO_ROOT, 'libs/contracts/src/index.ts'),
};

const resolveWorkspaceAliases: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  resolve: {
    ...config.resolve,
    alias: { ...(config.resolve?.alias as object), ...WORKFLOW_SAFE_ALIASES },
  },
});

/**
 * Options for `Worker.create` so the bundle resolves the workspace aliases. (Worker.create reads the hook
 * from `bundlerOptions`; a top-level `webpackConfigHook` would be silently ignored.)
 */
export function workflowBundleOptions(workflowsPath = WORKFLOWS_PATH): {
  workflowsPath: string;
  bundlerOptions: { webpackConfigHook: NonNullable<BundleOptions['webpackConfigHook']> };
} {
  return { workflowsPath, bundlerOptions: { webpackConfigHook: resolveWorkspaceAliases } };
}

/** The same for `bundleWorkflowCode` (which takes the hook at the top level). */
export function workflowBundleCodeOptions(
  workflowsPath = WORKFLOWS_PATH,
): Pick<BundleOptions, 'workflowsPath' | 'webpackConfigHook' | 'failureConverterPath'> {
  return {
    workflowsPath,
    webpackConfigHook: resolveWorkspaceAliases,
    failureConverterPath: ENCODED_FAILURE_CONVERTER_PATH,
  };
}
