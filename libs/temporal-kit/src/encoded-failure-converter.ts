import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces moved into the failure's encoded attributes, which pass through the payload
 * codec: an activity error quoting personal data is then encrypted in the history like every other payload.
 * Loaded by path (`failureConverterPath`) because the workflow sandbox bundles it; histories written before keep
 * decoding (plain messages are read as they are).
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
