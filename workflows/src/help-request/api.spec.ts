import { caseUpdates, helpRequestWorkflow } from './api';
import { helpRequest } from './help-request.workflow';
import { HelpRequestMessages } from '@platform/contracts';

describe('the case workflow API for clients', () => {
  it('starts the workflow by the name the worker registers', () => {
    expect(helpRequestWorkflow.name).toBe(helpRequest.name);
    expect(helpRequestWorkflow.name).toBe('helpRequest');
  });

  it('names each update as the workflow handles it', () => {
    for (const [name, definition] of Object.entries(caseUpdates)) {
      expect(definition).toMatchObject({
        type: 'update',
        name: HelpRequestMessages[name as keyof typeof caseUpdates],
      });
    }
  });
});
