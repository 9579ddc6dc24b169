using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Reports;
using SmartUnion.Domain.Security;

namespace SmartUnion.Web.Components.Pages.Bulletin;

/// <summary>
/// The state of 月度通报, without UI: the chosen month (last month by default), its figures, the reviewer's two texts
/// and the preview composed from them exactly as the Word document will be. BulletinStateTests test it without a renderer.
/// </summary>
public sealed class BulletinState(MonthlyBulletinService bulletins, Caller caller, DateOnly today)
{
    public IReadOnlyList<int> Years { get; } = Enumerable.Range(2020, Math.Max(1, today.Year - 2020 + 1)).Reverse().ToList();
    public static IReadOnlyList<int> Months { get; } = Enumerable.Range(1, 12).ToList();
    public int Year { get; set; } = today.AddMonths(-1).Year;
    public int Month { get; set; } = today.AddMonths(-1).Month;

    public BulletinData? Data { get; private set; }
    public bool Loading { get; private set; }
    public string? Error { get; private set; }

    /// <summary>开头段落: the default one of the month until the reviewer edits it.</summary>
    public string Opening { get; set; } = "";
    /// <summary>下月报送要点 (required for the download).</summary>
    public string NextMonthPoints { get; set; } = "";

    public BulletinRequest Request => new(Year, Month);
    public BulletinEdits Edits => new(Opening, NextMonthPoints);
    public bool CanDownload => Data is not null && !Loading && !string.IsNullOrWhiteSpace(NextMonthPoints);

    /// <summary>The preview: the document's blocks for the figures on screen and the texts as typed.</summary>
    public IReadOnlyList<BulletinBlock> Preview => Data is { } d
        ? BulletinText.Compose(d, new BulletinEdits(string.IsNullOrWhiteSpace(Opening) ? null : Opening, NextMonthPoints))
        : [];

    /// <summary>生成预览: the month's figures; the opening paragraph resets to the month's default unless the reviewer changed it.</summary>
    public async Task LoadAsync()
    {
        Loading = true;
        Error = null;
        var previousDefault = Data is { } old ? BulletinText.DefaultOpening(old) : null;
        try
        {
            Data = await bulletins.GetAsync(caller, Request);
            if (Opening.Length == 0 || Opening == previousDefault) Opening = BulletinText.DefaultOpening(Data);
        }
        catch (DomainException ex)
        {
            Data = null;
            Error = ex.Message;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>下载通报: the document into <paramref name="output"/> (off the caller's thread); null, or the Chinese message of refused input.</summary>
    public async Task<string?> WriteAsync(Stream output, CancellationToken ct)
    {
        if (Data is null) return "请先生成预览";
        try
        {
            // The month on screen (the selects may have moved since 生成预览).
            var (request, edits) = (Data.Request, Edits);
            await Task.Run(() => bulletins.WriteAsync(caller, request, edits, output, ct), ct);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }
}
