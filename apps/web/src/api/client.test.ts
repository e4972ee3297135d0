import { describe, expect, it } from 'vitest';
import { ApiError } from './client';

describe('ApiError', () => {
  it('words a refusal with field errors for the reader, not in the API developer summary', () => {
    const error = new ApiError(400, {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail:
        'Validation failed: title must be a string; statusReason must be shorter than or equal to 2000 characters',
      errors: [
        { field: 'title', message: 'title must be a string' },
        { field: 'statusReason', message: 'statusReason must be shorter than or equal to 2000 characters' },
      ],
    });
    expect(error.message).toBe('Title: Enter a title. Reason given: Keep this to 2,000 characters or fewer.');
  });

  it("keeps a refusal's own sentence when it names no field", () => {
    const error = new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Someone else saved first.' });
    expect(error.message).toBe('Someone else saved first.');
    expect(new ApiError(502, {}).message).toBe('The request failed (HTTP 502).');
  });
});
