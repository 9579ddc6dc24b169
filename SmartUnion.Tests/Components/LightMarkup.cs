using AngleSharp.Dom;

namespace SmartUnion.Tests.Components;

/// <summary>Compares the light components' markup with MudBlazor's own, class token by class token.</summary>
internal static class LightMarkup
{
    /// <summary>The element's classes, sorted (their order does not matter to CSS), without the application's own (su-*).</summary>
    public static string[] Classes(IElement element) =>
        element.ClassList.Where(c => !c.StartsWith("su-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Asserts both elements have the same tag, classes and the given attributes.</summary>
    public static void AssertSame(IElement mud, IElement light, params string[] attributes)
    {
        Assert.Equal(mud.TagName, light.TagName);
        Assert.Equal(Classes(mud), Classes(light));
        foreach (var attribute in attributes)
            Assert.Equal(mud.GetAttribute(attribute), light.GetAttribute(attribute));
    }
}
