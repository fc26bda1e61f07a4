using InstanceSaliency.Imaging;

namespace InstanceSaliency.Lesions.Tests;

/// <summary>Lesion id lists as users type them (issue 19, item 5): one parser, every bad list refused with the option, the text and the fix.</summary>
public sealed class LesionIdListTests
{
    [Theory]
    [InlineData("3", new[] { 3 })]
    [InlineData("7,1,4", new[] { 1, 4, 7 })]
    [InlineData(" 1 , 2 ", new[] { 1, 2 })]
    [InlineData("0007", new[] { 7 })]
    [InlineData("2147483647", new[] { int.MaxValue })]
    public void Valid_lists_give_the_ids_in_increasing_order(string text, int[] expected) =>
        Assert.Equal(expected, LesionIdList.Parse(text, "--lesions"));

    [Fact]
    public void No_list_means_every_lesion() => Assert.Null(LesionIdList.Parse(null, "--lesions"));

    [Theory]
    [InlineData("1,,2", "--lesions \"1,,2\": entry 2 of 3 is empty; separate ids by single commas, e.g. --lesions 1,4,7.")]
    [InlineData("1,2,", "--lesions \"1,2,\": entry 3 of 3 is empty; separate ids by single commas, e.g. --lesions 1,4,7.")]
    [InlineData(",1", "--lesions \",1\": entry 1 of 2 is empty; separate ids by single commas, e.g. --lesions 1,4,7.")]
    [InlineData(",", "--lesions \",\": entry 1 of 2 is empty; separate ids by single commas, e.g. --lesions 1,4,7.")]
    [InlineData("0", "--lesions \"0\": 0 is not a lesion id: ids start at 1 (0 is background).")]
    [InlineData("000", "--lesions \"000\": 0 is not a lesion id: ids start at 1 (0 is background).")]
    [InlineData("-3", "--lesions \"-3\": \"-3\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("a", "--lesions \"a\": \"a\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("1.5", "--lesions \"1.5\": \"1.5\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("+3", "--lesions \"+3\": \"+3\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("1 2", "--lesions \"1 2\": \"1 2\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("1;2", "--lesions \"1;2\": \"1;2\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("١", "--lesions \"١\": \"١\" is not a lesion id: ids are whole numbers ≥ 1, written with digits only (`ies lesions` lists them).")]
    [InlineData("2147483648", "--lesions \"2147483648\": 2147483648 is too large for a lesion id (at most 2147483647).")]
    [InlineData("1,2,1", "--lesions \"1,2,1\": lesion 1 is named twice; name each lesion once.")]
    [InlineData("3,03", "--lesions \"3,03\": lesion 3 is named twice; name each lesion once.")]
    [InlineData("", "--lesions: empty; name at least one lesion id, e.g. --lesions 1,4,7.")]
    [InlineData("  ", "--lesions: empty; name at least one lesion id, e.g. --lesions 1,4,7.")]
    public void Bad_lists_are_refused_naming_the_option_the_text_and_the_fix(string text, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => LesionIdList.Parse(text, "--lesions"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_option_name_given_is_the_one_named() =>
        Assert.StartsWith("--ids \"1,,2\":", Assert.Throws<InvalidInputException>(() => LesionIdList.Parse("1,,2", "--ids")).Message);
}
