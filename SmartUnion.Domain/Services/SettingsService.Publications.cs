using Microsoft.EntityFrameworkCore;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Security;

namespace SmartUnion.Domain.Services;

/// <summary>A publication with its adoption forms, as the 期刊与分值 page shows it.</summary>
public sealed record PublicationRow(
    int Id, string Name, PublicationLevel Level, PublicationKind Kind, int IssuesPerYear, int SortOrder, bool IsActive,
    IReadOnlyList<FormRow> Forms);

/// <summary>An adoption form (采用形式) and its points (分值) in force today, with its dated versions (oldest first).</summary>
public sealed record FormRow(int Id, int PublicationId, string Name, int Points, int SortOrder, bool IsActive, int AdoptionCount)
{
    public IReadOnlyList<PointsVersionRow> Versions { get; init; } = [];
}

public sealed record PublicationInput(string? Name, PublicationLevel Level, PublicationKind Kind, int IssuesPerYear, int SortOrder);

public sealed record FormInput(string? Name, int? Points, int SortOrder);

public partial class SettingsService
{
    public const int PublicationNameMaxLength = 100;
    public const int FormNameMaxLength = 50;
    public const int MaxFormPoints = 1000;
    public const int MaxIssuesPerYear = 366;

    /// <summary>Every publication (active or not) with its forms, in sort order.</summary>
    public async Task<IReadOnlyList<PublicationRow>> GetPublicationsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var publications = await db.Publications.AsNoTracking()
            .OrderBy(p => p.Level).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.Level, p.Kind, p.IssuesPerYear, p.SortOrder, p.IsActive })
            .ToListAsync(ct);
        var forms = await db.AdoptionForms.AsNoTracking()
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id)
            .Select(f => new FormRow(f.Id, f.PublicationId, f.Name, f.Points, f.SortOrder, f.IsActive,
                db.Adoptions.Count(a => a.AdoptionFormId == f.Id)))
            .ToListAsync(ct);
        var versions = await RuleVersions.FormVersionsAsync(db, null, ct);
        forms = forms.Select(f => f with { Versions = versions[f.Id].OrderBy(v => v.From).ToList() }).ToList();
        var byPublication = forms.ToLookup(f => f.PublicationId);
        return publications.Select(p => new PublicationRow(p.Id, p.Name, p.Level, p.Kind, p.IssuesPerYear, p.SortOrder, p.IsActive,
            byPublication[p.Id].ToList())).ToList();
    }

    /// <summary>Adds a publication; returns its id.</summary>
    public async Task<int> AddPublicationAsync(Caller caller, PublicationInput input, CancellationToken ct = default)
    {
        var id = 0;
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, issues) = ValidatePublication(input);
            if (await db.Publications.AnyAsync(p => p.Name == name, ct)) throw new DomainException($"期刊名称“{name}”已存在");
            var publication = new Publication
            {
                Name = name, Level = input.Level, Kind = input.Kind, IssuesPerYear = issues, SortOrder = input.SortOrder,
            };
            db.Publications.Add(publication);
            await w.SaveAsync(ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.Publication, publication.Id,
                $"新增期刊 {name}（{input.Level.Text()}，{input.Kind.Text()}）");
            id = publication.Id;
            return true;
        }, ct);
        return id;
    }

    /// <summary>Renames a publication and changes its level, kind, issues per year and order.</summary>
    public async Task UpdatePublicationAsync(Caller caller, int publicationId, PublicationInput input, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, issues) = ValidatePublication(input);
            var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == publicationId, ct) ?? throw new NotFoundException("期刊不存在");
            if (await db.Publications.AnyAsync(p => p.Id != publicationId && p.Name == name, ct)) throw new DomainException($"期刊名称“{name}”已存在");
            w.Audit(AuditActions.Settings, AuditEntityTypes.Publication, publicationId,
                $"修改期刊 {publication.Name}（{publication.Level.Text()}，{publication.Kind.Text()}，{publication.IssuesPerYear}期，排序{publication.SortOrder}）"
                + $"为 {name}（{input.Level.Text()}，{input.Kind.Text()}，{issues}期，排序{input.SortOrder}）");
            publication.Name = name;
            publication.Level = input.Level;
            publication.Kind = input.Kind;
            publication.IssuesPerYear = issues;
            publication.SortOrder = input.SortOrder;
            return true;
        }, ct);
    }

    /// <summary>停用/启用 a publication: a deactivated one leaves the adoption grid, its adoptions keep their points.</summary>
    public async Task SetPublicationActiveAsync(Caller caller, int publicationId, bool active, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == publicationId, ct) ?? throw new NotFoundException("期刊不存在");
            if (publication.IsActive == active) return false;
            publication.IsActive = active;
            w.Audit(AuditActions.Settings, AuditEntityTypes.Publication, publicationId, $"{(active ? "启用" : "停用")}期刊 {publication.Name}");
            return true;
        }, ct);
    }

    /// <summary>Adds an adoption form with its points to a publication; returns its id.</summary>
    public async Task<int> AddFormAsync(Caller caller, int publicationId, FormInput input, CancellationToken ct = default)
    {
        var id = 0;
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, points) = ValidateForm(input);
            var publication = await db.Publications.FirstOrDefaultAsync(p => p.Id == publicationId, ct) ?? throw new NotFoundException("期刊不存在");
            if (await db.AdoptionForms.AnyAsync(f => f.PublicationId == publicationId && f.Name == name, ct))
                throw new DomainException($"采用形式“{name}”已存在");
            var form = new AdoptionForm
            {
                PublicationId = publicationId, Name = name, Points = points, SortOrder = input.SortOrder,
                PointVersions = [new AdoptionFormPointVersion { EffectiveFrom = RuleVersions.Baseline, Points = points }],
            };
            db.AdoptionForms.Add(form);
            await w.SaveAsync(ct);
            w.Audit(AuditActions.Settings, AuditEntityTypes.AdoptionForm, form.Id, $"{publication.Name} 新增采用形式 {name}，分值 {points}");
            id = form.Id;
            return true;
        }, ct);
        return id;
    }

    /// <summary>
    /// Renames a form, changes its order, or gives it new points from <paramref name="effectiveFrom"/> (China; default
    /// today) on: a new 分值版本 when the points differ from today's. Existing adoptions keep their snapshot until 重新计算.
    /// A 生效日期 outside <see cref="RuleVersions.EffectiveFromWindow"/> or one the form already has is refused, and nothing is saved.
    /// </summary>
    public async Task UpdateFormAsync(Caller caller, int formId, FormInput input, DateOnly? effectiveFrom = null, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var (name, points) = ValidateForm(input);
            var form = await db.AdoptionForms.Include(f => f.Publication).Include(f => f.PointVersions).FirstOrDefaultAsync(f => f.Id == formId, ct)
                ?? throw new NotFoundException("采用形式不存在");
            if (await db.AdoptionForms.AnyAsync(f => f.Id != formId && f.PublicationId == form.PublicationId && f.Name == name, ct))
                throw new DomainException($"采用形式“{name}”已存在");
            var text = $"{form.Publication!.Name} 采用形式 {form.Name}（分值 {form.Points}）改为 {name}";
            if (points != form.Points)
            {
                var today = ChinaTime.Today(clock);
                var from = effectiveFrom ?? today;
                var error = RuleVersions.EffectiveFromError(from, today, form.PointVersions.Select(v => v.EffectiveFrom));
                if (error is not null) throw new DomainException(error);
                form.PointVersions.Add(new AdoptionFormPointVersion { EffectiveFrom = from, Points = points });
                // Versions never start after today: the latest is the one in force today.
                form.Points = form.PointVersions.MaxBy(v => v.EffectiveFrom)!.Points;
                text += $"（自{from:yyyy-MM-dd}起分值 {points}）";
            }
            w.Audit(AuditActions.Settings, AuditEntityTypes.AdoptionForm, formId, text);
            form.Name = name;
            form.SortOrder = input.SortOrder;
            return true;
        }, ct);
    }

    /// <summary>停用/启用 an adoption form.</summary>
    public async Task SetFormActiveAsync(Caller caller, int formId, bool active, CancellationToken ct = default)
    {
        await ChangeAsync(caller, async w =>
        {
            var db = w.Db;
            var form = await db.AdoptionForms.Include(f => f.Publication).FirstOrDefaultAsync(f => f.Id == formId, ct)
                ?? throw new NotFoundException("采用形式不存在");
            if (form.IsActive == active) return false;
            form.IsActive = active;
            w.Audit(AuditActions.Settings, AuditEntityTypes.AdoptionForm, formId,
                $"{(active ? "启用" : "停用")} {form.Publication!.Name} 的采用形式 {form.Name}");
            return true;
        }, ct);
    }

    public static string? FormPointsError(int? points) => points switch
    {
        null => "请填写分值",
        < 0 => "分值不能为负数",
        > MaxFormPoints => $"分值不能超过{MaxFormPoints}",
        _ => null,
    };

    private static (string Name, int IssuesPerYear) ValidatePublication(PublicationInput input)
    {
        var name = Required(input.Name, "期刊名称", PublicationNameMaxLength);
        if (!Enum.IsDefined(input.Level)) throw new DomainException("请选择所属市区");
        if (!Enum.IsDefined(input.Kind)) throw new DomainException("请选择类型");
        if (input.Kind != PublicationKind.Periodical) return (name, 0);
        if (input.IssuesPerYear is < 1 or > MaxIssuesPerYear)
            throw new DomainException($"每年期数必须在1到{MaxIssuesPerYear}之间");
        return (name, input.IssuesPerYear);
    }

    private static (string Name, int Points) ValidateForm(FormInput input)
    {
        var name = Required(input.Name, "采用形式", FormNameMaxLength);
        var error = FormPointsError(input.Points);
        if (error is not null) throw new DomainException(error);
        return (name, input.Points!.Value);
    }
}
