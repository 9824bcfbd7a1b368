import { householdAssistance } from './household-assistance.workflow';
import {
  HOUSEHOLD_ASSISTANCE_REVISION,
  householdAssistanceWorkflow,
  householdEpisodeId,
  HouseholdMessages,
  householdSignals,
  householdUpdates,
  householdViewQuery,
} from './api';

describe('the household workflow API for clients', () => {
  it('starts the workflow by the name the worker registers', () => {
    expect(householdAssistanceWorkflow.name).toBe(householdAssistance.name);
    expect(householdAssistanceWorkflow.name).toBe('householdAssistance');
    expect(HOUSEHOLD_ASSISTANCE_REVISION).toBe(1);
  });

  it('names each message as the workflow handles it', () => {
    for (const [name, definition] of Object.entries(householdUpdates)) {
      expect(definition).toMatchObject({
        type: 'update',
        name: HouseholdMessages[name as keyof typeof householdUpdates],
      });
    }
    for (const [name, definition] of Object.entries(householdSignals)) {
      expect(definition).toMatchObject({ type: 'signal', name });
    }
    expect(householdViewQuery).toMatchObject({ type: 'query', name: 'view' });
  });

  it('derives the episode ID from references only', () => {
    expect(householdEpisodeId('5f0c2d9e-8b7a-4c1e-9d3f-a0b1c2d3e4f5', 2)).toBe(
      'household-5f0c2d9e-8b7a-4c1e-9d3f-a0b1c2d3e4f5-2',
    );
  });
});
