// Every workflow the "hotline" worker runs. Workflow code only: deterministic, no I/O.
export * from './platform-check/timer-check.workflow';
export * from './help-request/help-request.workflow';
export * from './household-assistance/household-assistance.workflow';
