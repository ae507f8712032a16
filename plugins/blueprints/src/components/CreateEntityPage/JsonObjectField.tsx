import TextField from '@material-ui/core/TextField';
import { FieldProps } from '@rjsf/utils';
import { useState } from 'react';

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/**
 * A free-form object property (labels, an inline specification) edited as
 * JSON. Text that is no JSON object is passed on as it is, so validation
 * says the field must be an object.
 */
export function JsonObjectField(props: FieldProps) {
  const { formData, onChange, schema, idSchema, required, disabled, readonly } =
    props;
  const [text, setText] = useState(() => toText(formData));
  return (
    <TextField
      id={idSchema.$id}
      label={schema.title}
      required={required}
      disabled={disabled || readonly}
      multiline
      minRows={3}
      fullWidth
      margin="normal"
      placeholder='{"key": "value"}'
      helperText={schema.description ?? 'A JSON object'}
      value={text}
      onChange={event => {
        const next = event.target.value;
        setText(next);
        if (next.trim() === '') {
          onChange(undefined);
          return;
        }
        try {
          const parsed = JSON.parse(next);
          onChange(parsed);
        } catch {
          onChange(next);
        }
      }}
    />
  );
}
