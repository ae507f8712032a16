import { renderInTestApp } from '@backstage/frontend-test-utils';
import { useTheme } from '@material-ui/core/styles';
import { screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const css = readFileSync(resolve(__dirname, 'buiTheme.css'), 'utf8');

/** A BUI variable as buiTheme.css sets it under `selector`. */
function variable(selector: string, name: string): string | undefined {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return new RegExp(`${name}:\\s*([^;]+);`).exec(block)?.[1].trim();
}

/** The app's Material UI theme, as a component sees it. */
function ThemeFacts() {
  const theme = useTheme();
  return (
    <dl>
      <dt>font</dt>
      <dd data-testid="font">{theme.typography.fontFamily}</dd>
      <dt>primary</dt>
      <dd data-testid="primary">{theme.palette.text.primary}</dd>
      <dt>secondary</dt>
      <dd data-testid="secondary">{theme.palette.text.secondary}</dd>
      <dt>bold</dt>
      <dd data-testid="bold">{String(theme.typography.h6.fontWeight)}</dd>
    </dl>
  );
}

const normal = (value: string | undefined) =>
  value?.replace(/["']/g, '').replace(/\s+/g, ' ').trim();

describe('buiTheme.css', () => {
  it("gives Backstage UI components the Material UI theme's font, weights and text colours", async () => {
    await renderInTestApp(<ThemeFacts />);
    expect(normal(variable(':root', '--bui-font-regular'))).toBe(
      normal(screen.getByTestId('font').textContent!),
    );
    expect(variable(':root', '--bui-font-weight-bold')).toBe(
      screen.getByTestId('bold').textContent,
    );
    expect(variable("[data-theme-mode='light']", '--bui-fg-primary')).toBe(
      screen.getByTestId('primary').textContent,
    );
    expect(variable("[data-theme-mode='light']", '--bui-fg-secondary')).toBe(
      screen.getByTestId('secondary').textContent,
    );
  });
});
