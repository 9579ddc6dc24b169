using System.Globalization;
using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Reports;

public enum BulletinBlockKind
{
    /// <summary>通报's title (宋体, 二号, bold, centred).</summary>
    Title,
    /// <summary>期号 and the issuer with the date, under the title (centred).</summary>
    Masthead,
    /// <summary>一、总体情况 … (黑体, 三号).</summary>
    Heading,
    /// <summary>（一）县市区总工会 … (楷体, 三号).</summary>
    SubHeading,
    /// <summary>Body text (仿宋, 三号, first line indented two characters).</summary>
    Paragraph,
    /// <summary>A table (宋体, 五号).</summary>
    Table,
}

/// <summary>One block of the 通报: the page's preview and the Word document render the same blocks.</summary>
public sealed record BulletinBlock(BulletinBlockKind Kind, string Text, IReadOnlyList<string>? Header = null, IReadOnlyList<IReadOnlyList<string>>? Rows = null);

/// <summary>
/// The words of the 月度通报, from its figures and the reviewer's texts: the title and 期号, the opening, 一、总体情况 (with
/// the channels' table), 二、各单位积分排名 (a table per 单位分组), 三、零报送单位, 四、约稿完成情况, 五、下月报送要点.
/// </summary>
public static class BulletinText
{
    public static readonly string[] Sections = ["一、总体情况", "二、各单位积分排名", "三、零报送单位", "四、约稿完成情况", "五、下月报送要点"];

    public static readonly string[] RankingHeader = ["组内名次", "单位", "报送数", "录用数", "得分", "批示加分", "加分", "扣分", "积分", "积分排名"];

    public static readonly string[] ChannelHeader = ["渠道", "级别", "本月录用（篇次）", "上月", "去年同月"];

    public static string Title(BulletinData d) => $"{d.IssuerName}信息工作月度通报";

    public static string DefaultOpening(BulletinData d) =>
        $"现将{d.Request.MonthText}{d.ScopeText}工会信息报送、录用及积分情况通报如下。";

    public static IReadOnlyList<BulletinBlock> Compose(BulletinData d, BulletinEdits edits)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(edits);
        var blocks = new List<BulletinBlock>
        {
            new(BulletinBlockKind.Title, Title(d)),
            new(BulletinBlockKind.Masthead, d.Request.IssueText),
            new(BulletinBlockKind.Masthead, $"{d.IssuerName}办公室　　{d.IssuedOn.Year}年{d.IssuedOn.Month}月{d.IssuedOn.Day}日"),
        };
        blocks.AddRange(Lines(edits.Opening ?? DefaultOpening(d)));

        blocks.Add(new(BulletinBlockKind.Heading, Sections[0]));
        blocks.Add(new(BulletinBlockKind.Paragraph, Overview(d)));
        var channels = d.Channels.Where(c => c.ThisMonth + c.LastMonth + c.LastYear > 0).ToList();
        if (channels.Count == 0) blocks.Add(new(BulletinBlockKind.Paragraph, "本月及对比月份各渠道均无录用。"));
        else
            blocks.Add(new(BulletinBlockKind.Table, "分渠道录用情况", ChannelHeader,
                channels.Select(c => (IReadOnlyList<string>)[c.Name, c.Level.Text(), N(c.ThisMonth), N(c.LastMonth), N(c.LastYear)]).ToList()));

        blocks.Add(new(BulletinBlockKind.Heading, Sections[1]));
        var ranked = d.Groups.Where(g => g.Rows.Count > 0).ToList();
        if (ranked.Count == 0) blocks.Add(new(BulletinBlockKind.Paragraph, "本月无单位数据。"));
        for (var i = 0; i < ranked.Count; i++)
        {
            blocks.Add(new(BulletinBlockKind.SubHeading, $"（{Numeral(i + 1)}）{ranked[i].Name}"));
            blocks.Add(new(BulletinBlockKind.Table, ranked[i].Name, RankingHeader, ranked[i].Rows.Select(RankCells).ToList()));
        }
        if (d.PublishedNote is not null) blocks.Add(new(BulletinBlockKind.Paragraph, d.PublishedNote));

        blocks.Add(new(BulletinBlockKind.Heading, Sections[2]));
        blocks.Add(new(BulletinBlockKind.Paragraph, ZeroReports(d)));

        blocks.Add(new(BulletinBlockKind.Heading, Sections[3]));
        if (d.Commissions.Count == 0) blocks.Add(new(BulletinBlockKind.Paragraph, "本月无到期约稿。"));
        foreach (var c in d.Commissions) blocks.Add(new(BulletinBlockKind.Paragraph, Commission(c)));

        blocks.Add(new(BulletinBlockKind.Heading, Sections[4]));
        blocks.AddRange(Lines(edits.NextMonthPoints ?? ""));
        return blocks;
    }

    /// <summary>一、总体情况's paragraph: the month's counts and 录用率, against last month and the same month last year.</summary>
    public static string Overview(BulletinData d)
    {
        var (now, last, year) = (d.ThisMonth, d.LastMonth, d.LastYear);
        return $"{d.Request.Month}月，{d.ScopeText}共报送信息{now.Reported}篇，被各级媒体和渠道录用{now.Adopted}篇次；"
            + $"本月报送的信息中有{now.AdoptedItems}篇被录用，录用率{Percent(now.AdoptionRate)}。"
            + $"与上月（报送{last.Reported}篇、录用{last.Adopted}篇次）相比，报送数{Change(now.Reported, last.Reported, "篇")}，录用{Change(now.Adopted, last.Adopted, "篇次")}；"
            + $"与去年同期（报送{year.Reported}篇、录用{year.Adopted}篇次）相比，报送数{Change(now.Reported, year.Reported, "篇")}，录用{Change(now.Adopted, year.Adopted, "篇次")}。";
    }

    public static string ZeroReports(BulletinData d)
    {
        if (d.ZeroReportCount == 0) return "本月无零报送单位。";
        var parts = d.Groups.Where(g => g.ZeroReportUnits.Count > 0).Select(g => $"{g.Name}：{string.Join("、", g.ZeroReportUnits)}");
        return $"本月共有{d.ZeroReportCount}个单位零报送。{string.Join("；", parts)}。";
    }

    public static string Commission(BulletinCommission c)
    {
        var missing = c.NotAnswered.Count == 0 ? "" : $"（{string.Join("、", c.NotAnswered)}）";
        return $"“{c.Topic}”（截止{c.DueDate.Month}月{c.DueDate.Day}日）：约稿单位{c.Targets}个，按时回应{c.Answered}个，"
            + $"迟报{c.Late}个，未回应{c.NotAnswered.Count}个{missing}。";
    }

    private static IReadOnlyList<string> RankCells(BulletinRankRow r) =>
    [
        N(r.GroupRank), r.UnitName, N(r.Reported), N(r.Adopted), $"{r.Figures.Points}", $"{r.Figures.Instructed}", $"{r.Figures.Bonus}", $"{r.Figures.Deducted}",
        $"{r.Figures.Net}", r.Rank is { } rank ? N(rank) : "—",
    ];

    private static IEnumerable<BulletinBlock> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => new BulletinBlock(BulletinBlockKind.Paragraph, l));

    /// <summary>增加3篇 / 减少2篇次 / 持平.</summary>
    public static string Change(int now, int before, string unit) =>
        now > before ? $"增加{now - before}{unit}" : now < before ? $"减少{before - now}{unit}" : "持平";

    /// <summary>A rate as 37.5% (one decimal).</summary>
    public static string Percent(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>一 … 九十九, for （一）（二）….</summary>
    public static string Numeral(int n)
    {
        const string digits = "零一二三四五六七八九";
        if (n is < 1 or > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return digits[n].ToString();
        var tens = n / 10 == 1 ? "十" : $"{digits[n / 10]}十";
        return n % 10 == 0 ? tens : tens + digits[n % 10];
    }
}
