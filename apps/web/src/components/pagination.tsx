import { Pagination } from '@mantine/core';

const CONTROL_LABEL = { first: 'First page', previous: 'Previous page', next: 'Next page', last: 'Last page' } as const;

/** Mantine's pagination with names on its arrow buttons (they show icons only). */
export function Pages({
  total,
  value,
  onChange,
  label,
}: {
  total: number;
  value: number;
  onChange: (page: number) => void;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <Pagination
        total={total}
        value={value}
        onChange={onChange}
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABEL[control] })}
      />
    </nav>
  );
}
