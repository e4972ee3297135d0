import { redactionBoxProblem } from './redactions';

describe('redactionBoxProblem', () => {
  const box = { page: 2, x: 0.1, y: 0.2, width: 0.5, height: 0.1 };

  it('accepts a box that lies on an existing page', () => {
    expect(redactionBoxProblem(box, 3)).toBeNull();
    expect(redactionBoxProblem({ ...box, x: 0, y: 0, width: 1, height: 1 }, 3)).toBeNull();
  });

  it('names the page when it does not exist', () => {
    expect(redactionBoxProblem({ ...box, page: 4 }, 3)).toEqual(['page', 'page must be between 1 and 3']);
    expect(redactionBoxProblem({ ...box, page: 0 }, 3)?.[0]).toBe('page');
    expect(redactionBoxProblem({ ...box, page: 1.5 }, 3)?.[0]).toBe('page');
  });

  it('refuses a box that leaves the page or has no area', () => {
    expect(redactionBoxProblem({ ...box, x: -0.1 }, 3)?.[0]).toBe('x');
    expect(redactionBoxProblem({ ...box, y: 1 }, 3)?.[0]).toBe('y');
    expect(redactionBoxProblem({ ...box, x: 0.6, width: 0.5 }, 3)?.[0]).toBe('width');
    expect(redactionBoxProblem({ ...box, y: 0.95, height: 0.1 }, 3)?.[0]).toBe('height');
    expect(redactionBoxProblem({ ...box, width: 0 }, 3)?.[0]).toBe('width');
    expect(redactionBoxProblem({ ...box, height: Number.NaN }, 3)?.[0]).toBe('height');
  });
});
