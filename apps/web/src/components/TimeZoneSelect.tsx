// A searchable list of the IANA zones the browser knows ("Europe/Dublin"), for profiles and
// invitations; people type a city to find theirs.
import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { filterTimeZones, timeZoneOptions } from '../lib/dates';

/** The zone the browser runs in, the best first guess for a person setting up their account. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The zone pickers' search: a zone's name now or a former one ("Kiev" finds Europe/Kyiv), for
 * any Select over timeZoneOptions.
 */
export const timeZoneFilter: OptionsFilter = ({ options, search, limit }) =>
  filterTimeZones({ options: options.filter((option): option is ComboboxItem => 'label' in option), search, limit });

export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  // Some browsers list neither "UTC" nor their own zone's alias among the supported values.
  const zones = useMemo(() => timeZoneOptions(typeof props.value === 'string' ? props.value : null), [props.value]);
  return (
    <Select
      label="Time zone"
      description="Dates, times and reminders use it. Type a city, e.g. Dublin or New York"
      searchable
      allowDeselect={false}
      nothingFoundMessage="No such zone"
      limit={50}
      filter={timeZoneFilter}
      {...props}
      data={zones}
    />
  );
}
