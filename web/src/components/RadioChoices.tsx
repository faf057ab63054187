interface RadioChoicesProps<T extends string> {
  name: string;
  choices: readonly { value: T; label: string }[];
  value: T;
  onChoice: (value: T) => void;
}

/** One labelled radio button per choice; the fieldset around them names the group. */
export const RadioChoices = <T extends string>({ name, choices, value, onChoice }: RadioChoicesProps<T>) => (
  <>
    {choices.map((choice) => (
      <label class="choice" key={choice.value}>
        <input
          type="radio"
          name={name}
          value={choice.value}
          checked={value === choice.value}
          onChange={() => onChoice(choice.value)}
        />
        {choice.label}
      </label>
    ))}
  </>
);
