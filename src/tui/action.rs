//! Everything that can happen in the explorer, as one enum.
//!
//! Key and mouse events become [`Action`]s (through the keymap); only `App::update` turns an
//! action into a change of state. Nothing here touches the terminal.

/// One thing the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Go to the next step of the tape.
    NextStep,
    /// Go to the previous step.
    PrevStep,
    /// Go to the first step.
    FirstStep,
    /// Go to the last step.
    LastStep,
    /// Jump to the first forward step.
    ForwardStart,
    /// Jump to the first backward step.
    BackwardStart,
    /// Focus the next matrix pane.
    FocusNext,
    /// Focus the previous matrix pane.
    FocusPrev,
    /// Move the cell cursor (or a list selection) up.
    Up,
    /// Move the cell cursor (or a list selection) down.
    Down,
    /// Move the cell cursor left.
    Left,
    /// Move the cell cursor right.
    Right,
    /// Explain the selected cell (Enter); in a list or prompt, confirm.
    Confirm,
    /// One more decimal place.
    MoreDecimals,
    /// One fewer decimal place.
    FewerDecimals,
    /// Show or hide the help overlay.
    Help,
    /// Open the preset picker.
    OpenPicker,
    /// Edit the selected cell.
    Edit,
    /// Open the gradient check view.
    Check,
    /// Show or hide the NumPy line of each step.
    ToggleNumpy,
    /// Show or hide the shape algebra panel on Affine steps.
    ToggleShapes,
    /// Open the Jacobian view of the current step's layer.
    Jacobian,
    /// Nudge the selected cell by h and compare the change with the gradient × h.
    Nudge,
    /// Divide the nudge's h by 10 and rerun it.
    NudgeSmaller,
    /// Multiply the nudge's h by 10 and rerun it.
    NudgeLarger,
    /// Turn quiz mode on or off.
    Quiz,
    /// Write the current step as Markdown.
    Export,
    /// Show or hide the graph view: a graph preset's figure, or the current layer drawn as the
    /// book's graph.
    ToggleGraph,
    /// Close the open popup, or clear the nudge, or quit when there is nothing to close (Esc).
    Back,
    /// Quit the explorer.
    Quit,
    /// A character typed into a prompt.
    Type(char),
    /// Delete the last character of a prompt.
    Backspace,
    /// A left click at a terminal column and row.
    Click {
        /// Column, 0-based.
        column: u16,
        /// Row, 0-based.
        row: u16,
    },
    /// The terminal now has this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
}
