import { fireEvent, render, screen } from '@testing-library/react';
import { useId as mantineUseId } from '@mantine/hooks';
import { useReducer } from 'react';
import { describe, expect, it } from 'vitest';
import { useId } from './mantine-use-id';

function Field({ hook, draws }: { hook: (staticId?: string) => string; draws: string[] }) {
  const id = hook();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  draws.push(id);
  return (
    <>
      <label htmlFor={id}>Title</label>
      <input id={id} />
      <button onClick={redraw}>Redraw</button>
    </>
  );
}

describe("the build's useId for Mantine", () => {
  it('names a field once, as it first appears, and keeps the name when the field draws again', () => {
    const draws: string[] = [];
    render(<Field hook={useId} draws={draws} />);
    expect(draws).toHaveLength(1);
    expect(screen.getByLabelText('Title')).toHaveAttribute('id', draws[0]);
    fireEvent.click(screen.getByRole('button', { name: 'Redraw' }));
    expect(draws.at(-1)).toBe(draws[0]);
  });

  it("draws once where Mantine's own draws twice (what it replaces)", () => {
    const ours: string[] = [];
    const theirs: string[] = [];
    render(<Field hook={useId} draws={ours} />);
    render(<Field hook={mantineUseId} draws={theirs} />);
    expect(ours).toHaveLength(1);
    expect(theirs).toHaveLength(2);
    // The first id Mantine's gives is the one ours keeps.
    expect(theirs[0]).toMatch(/^mantine-/);
    expect(ours[0]).toMatch(/^mantine-/);
  });

  it('gives the id it is handed', () => {
    const draws: string[] = [];
    function Named() {
      draws.push(useId('email'));
      return null;
    }
    render(<Named />);
    expect(draws).toEqual(['email']);
  });
});
