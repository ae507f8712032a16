import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { DoraSettings } from '../../lib/doraSettings';
import { HISTORY_WINDOWS, HistoryWindowDays } from '../../lib/window';

/** A text field that reports its value when it loses focus or on Enter. */
function CommittedTextField(props: {
  label: string;
  value: string;
  placeholder?: string;
  onCommit(value: string): void;
}) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    if (draft.trim() !== props.value) {
      props.onCommit(draft.trim());
    }
  };
  return (
    <TextField
      // The id ties the label to the field, for assistive technology.
      id={`dora-filter-${props.label.toLocaleLowerCase('en-US')}`}
      label={props.label}
      value={draft}
      placeholder={props.placeholder}
      size="small"
      variant="outlined"
      onChange={e => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={e => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

/** The DORA page's filters: window, environment, team and domain. */
export function DoraFilters(props: {
  settings: DoraSettings;
  onChange(patch: Partial<DoraSettings>): void;
}) {
  const { settings, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <TextField
        select
        label="Window"
        size="small"
        variant="outlined"
        value={settings.windowDays}
        onChange={e =>
          onChange({ windowDays: Number(e.target.value) as HistoryWindowDays })
        }
      >
        {HISTORY_WINDOWS.map(days => (
          <MenuItem key={days} value={days}>
            Last {days} days
          </MenuItem>
        ))}
      </TextField>
      <CommittedTextField
        label="Environment"
        value={settings.environment}
        onCommit={environment =>
          onChange({ environment: environment || 'production' })
        }
      />
      <CommittedTextField
        label="Team"
        value={settings.team}
        placeholder="team-a"
        onCommit={team => onChange({ team })}
      />
      <CommittedTextField
        label="Domain"
        value={settings.domain}
        placeholder="payments"
        onCommit={domain => onChange({ domain })}
      />
    </Box>
  );
}
