import { describe, expect, it } from 'vitest';
import { actionOptions, ENTITY_TYPE_OPTIONS } from './ActivityPage';

describe('the activity filters', () => {
  it('offer every entity type an audit history holds, by its label', () => {
    expect(ENTITY_TYPE_OPTIONS.map((option) => option.label)).toEqual([
      'Audit',
      'Member',
      'Provision',
      'Subject',
      'Request',
      'Response',
      'Comment',
      'Evidence',
      'Source document',
      'Invitation',
      'Extension',
      'Reminder',
      'Report',
      'Disposition',
      'Response letter',
      'Production',
      'Privilege log entry',
    ]);
  });

  it('offer the actions recorded for the chosen entity type, and every action for none', () => {
    expect(actionOptions('response')).toEqual([
      { value: 'created', label: 'Created' },
      { value: 'updated', label: 'Updated' },
      { value: 'status_changed', label: 'Status changed' },
    ]);
    const any = actionOptions(null).map((option) => option.value);
    expect(any).toEqual(expect.arrayContaining(['role_changed', 'integrity_failed', 'legal_hold_placed', 'granted']));
    expect(new Set(any).size).toBe(any.length);
    // Account events never appear in an audit's history, so their actions are not offered.
    expect(any).not.toContain('logged_in');
  });
});
