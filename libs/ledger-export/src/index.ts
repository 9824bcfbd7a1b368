export * from './cursor-batches';
export * from './ledger-files';
