namespace SmartUnion.Domain.Services;

/// <summary>
/// Characters no form field should carry: control characters (NUL, escape sequences …; tab and line breaks only where
/// the field is multi-line), bidirectional override/isolate controls (U+202A–U+202E, U+2066–U+2069: they make
/// "报告‮txt.exe" look like "报告exe.txt") and unpaired surrogates (SQLite would silently store U+FFFD instead).
/// </summary>
public static class TextRules
{
    /// <summary>A Chinese message naming the field when <paramref name="value"/> holds such a character; otherwise null.</summary>
    public static string? UnsafeCharacterError(string? value, string label, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value)) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (multiline && ch is '\n' or '\t') continue;
            if (char.IsControl(ch)) return $"{label}包含不可见的控制字符，请删除后重试";
            if (ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') return $"{label}包含文字方向控制字符，请删除后重试";
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(ch)) return $"{label}包含无效字符，请删除后重试";
        }
        return null;
    }

    /// <summary>Throws the message of <see cref="UnsafeCharacterError"/>, if any.</summary>
    public static void EnsureSafe(string? value, string label, bool multiline = false)
    {
        if (UnsafeCharacterError(value, label, multiline) is { } error) throw new Entities.DomainException(error);
    }
}
