import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { theme } from '../App';

export const renderWithTheme = (ui: ReactElement) => render(<MantineProvider theme={theme}>{ui}</MantineProvider>);
