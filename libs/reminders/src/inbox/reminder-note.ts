/** A completion note is bound to its reminder's row: copied to another row it does not decrypt. */
export const completionNoteBinding = (reminderId: string) => ({ table: 'reminders', column: 'completion_note', rowId: reminderId });
