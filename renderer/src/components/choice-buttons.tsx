// One-of-several buttons: tabs over a panel's content, or a segmented switch between two ways to draw it.

/** One button: the value it picks, its text, its test id and an optional hover text. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  testId: string;
  title?: string;
}

/** `tabs`: role tablist/tab with aria-selected; `segmented`: role radiogroup/radio with aria-checked. */
export function ChoiceButtons<T extends string>(props: {
  kind: 'tabs' | 'segmented';
  label?: string;
  choices: ReadonlyArray<Choice<T>>;
  value: T;
  onChange: (value: T) => void;
}) {
  const tabs = props.kind === 'tabs';
  return (
    <div className={props.kind} role={tabs ? 'tablist' : 'radiogroup'} aria-label={props.label}>
      {props.choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          role={tabs ? 'tab' : 'radio'}
          aria-selected={tabs ? props.value === choice.value : undefined}
          aria-checked={tabs ? undefined : props.value === choice.value}
          data-testid={choice.testId}
          title={choice.title}
          onClick={() => props.onChange(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
