export * from './cursor-batches';
export * from './ledger-files';
export * from './ledger-requests';
