using Microsoft.AspNetCore.Components;

namespace SmartUnion.Web.Components.Account;

/// <summary>Redirects of the Identity pages (the login form's 返回 to the requested page), never to another site.</summary>
public sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    /// <summary>Redirects to <paramref name="uri"/> when it is a path of this app, else to the home page (never elsewhere).</summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalTarget(uri, navigationManager.BaseUri));

    /// <summary>
    /// Prevents open redirects: a path of this app (<c>/items?q=a b#x</c>, <c>/reports/中文</c>, or an absolute URI under
    /// <paramref name="baseUri"/>) becomes its escaped path, query and fragment, fit for a Location header; anything else
    /// (<c>//host</c>, <c>/\host</c>, <c>https://host</c>, <c>javascript:</c>, control characters, a path that resolves to
    /// <c>//host</c>) becomes <c>/</c>.
    /// </summary>
    public static string LocalTarget(string? uri, string baseUri)
    {
        const string home = "/";
        if (string.IsNullOrEmpty(uri) || uri.Any(char.IsControl)) return home;
        var root = new Uri(baseUri);
        Uri? target;
        if (uri[0] == '/')
        {
            if ((uri.Length > 1 && uri[1] is '/' or '\\') || !Uri.TryCreate(root, uri, out target)) return home;
        }
        else if (!uri.StartsWith(root.AbsoluteUri, StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(uri, UriKind.Absolute, out target))
        {
            return home;
        }
        if (Uri.Compare(target, root, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            return home;
        var local = target.PathAndQuery + target.Fragment;
        // Dot segments can resolve "/.//host" to "//host"; browsers read "/\host" as "//host" too.
        return local.Length > 1 && local[1] is '/' or '\\' ? home : local;
    }
}
