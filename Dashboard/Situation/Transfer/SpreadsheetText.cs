namespace Dashboard.Situation.Transfer;

/// <summary>
/// Text cells a spreadsheet would run as a formula (OWASP's CSV injection: a cell starting with =, +, -, @, tab or
/// carriage return) get a leading apostrophe on export, which spreadsheets show as text. So that an import of our own
/// export gives back the original text, a cell that starts with an apostrophe gets one more, and import takes one off.
/// </summary>
public static class SpreadsheetText
{
    private const char Quote = '\'';

    public static string Neutralise(string text) =>
        text.Length > 0 && (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or Quote) ? Quote + text : text;

    public static string Restore(string cell) => cell.Length > 0 && cell[0] == Quote ? cell[1..] : cell;
}
