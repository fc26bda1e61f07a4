namespace InstanceSaliency.Analysis.ExplainFolder;

/// <summary>The contents of one lesions.tsv: its columns and rows (<see cref="LesionTableFile.Read"/>).</summary>
/// <param name="Path">The file read.</param>
/// <param name="Columns">Every column name, in file order.</param>
/// <param name="NumericColumns">The columns of <see cref="LesionTableRow.Values"/>: every column but id, type and filtered.</param>
/// <param name="Rows">The rows, in file order.</param>
public sealed record LesionTable(string Path, IReadOnlyList<string> Columns, IReadOnlyList<string> NumericColumns, IReadOnlyList<LesionTableRow> Rows);
