// A form's labelled text or number input, with its hint and its problem under it; and the two sampling
// inputs (rate, stop after) that the New run and New experiment forms both ask for.
import type { InputHTMLAttributes } from 'react';
import { rateLimits } from '../logic/launch-fields.ts';

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

interface FieldProps {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the input only when there is one. */
  problem?: string | undefined;
}

/** A labelled input; `code` for paths and arguments (monospaced, no spell check); `input` for the rest of its attributes. */
export function InputField(
  props: FieldProps & { label: string; hint?: string; code?: boolean; input?: InputAttributes },
) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        {...props.input}
        id={props.id}
        data-testid={props.testId}
        className={props.code ? 'mono' : undefined}
        spellCheck={props.code ? false : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <p className="hint">{props.hint}</p>}
      {props.problem && <p className="field-error">{props.problem}</p>}
    </div>
  );
}

/** Samples per second, within what the sampler accepts. */
export function RateField(props: FieldProps) {
  return (
    <InputField
      {...props}
      label="Sampling rate (Hz)"
      input={{ type: 'number', min: rateLimits.min, max: rateLimits.max, step: 1 }}
    />
  );
}

/** Seconds after which a run is stopped; empty = until the script ends. */
export function DurationField(props: FieldProps & { label: string }) {
  return <InputField {...props} input={{ type: 'number', min: 0, step: 'any', placeholder: 'until it ends' }} />;
}
