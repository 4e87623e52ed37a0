// A select over a fixed list of string values, each with its label (how a panel is drawn, which samples).

/** One value and the text that offers it. */
export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** What a select offers, described once: its accessible label, its test id and its options. */
export interface SelectSpec<T extends string> {
  label: string;
  testId: string;
  options: ReadonlyArray<SelectOption<T>>;
}

export function OptionSelect<T extends string>(props: SelectSpec<T> & { value: T; onChange: (value: T) => void }) {
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value as T)}
    >
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
