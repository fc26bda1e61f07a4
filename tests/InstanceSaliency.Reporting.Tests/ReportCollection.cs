namespace InstanceSaliency.Reporting.Tests;

/// <summary>Tests sharing one run, one report and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "report";
}
