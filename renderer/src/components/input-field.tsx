// A form's labelled text or number input, with its hint and its problem under it; and the inputs the New
// run and New experiment forms both ask for: the script's command (arguments, folder) and the sampling.
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

type CommandField = 'argsText' | 'cwd';
type SamplingField = 'rateText' | 'durationText';

/** A launch form's inputs: element ids are PREFIX + name, test ids PREFIX + name + "-input". */
export interface LaunchInputsProps<F extends string> {
  idPrefix: string;
  form: Record<F, string>;
  problems: Partial<Record<F, string>>;
  onChange: (field: F, value: string) => void;
}

/** The input of `field`, wired to the form: its value, its change, its problem and its ids. */
function launchInput<F extends string>(
  props: LaunchInputsProps<F>,
  field: F,
  name: string,
  label: string,
  more: { input: InputAttributes; code?: boolean; hint?: string | undefined },
) {
  return (
    <InputField
      {...more}
      id={`${props.idPrefix}${name}`}
      testId={`${props.idPrefix}${name}-input`}
      label={label}
      value={props.form[field]}
      onChange={(v) => props.onChange(field, v)}
      problem={props.problems[field]}
    />
  );
}

/** The script's arguments (split like a shell) and its working directory (empty = the script's folder). */
export function CommandFields(props: LaunchInputsProps<CommandField> & { argsPlaceholder: string; argsHint?: string }) {
  return (
    <>
      {launchInput(props, 'argsText', 'args', 'Arguments', {
        input: { placeholder: props.argsPlaceholder },
        code: true,
        hint: props.argsHint,
      })}
      {launchInput(props, 'cwd', 'cwd', 'Working directory', {
        input: { placeholder: "(the script's folder)" },
        code: true,
      })}
    </>
  );
}

/** Samples per second (within what the sampler accepts), and the seconds after which a run is stopped (empty = until the script ends). */
export function SamplingFields(props: LaunchInputsProps<SamplingField> & { durationLabel: string }) {
  return (
    <>
      {launchInput(props, 'rateText', 'rate', 'Sampling rate (Hz)', {
        input: { type: 'number', min: rateLimits.min, max: rateLimits.max, step: 1 },
      })}
      {launchInput(props, 'durationText', 'duration', props.durationLabel, {
        input: { type: 'number', min: 0, step: 'any', placeholder: 'until it ends' },
      })}
    </>
  );
}
