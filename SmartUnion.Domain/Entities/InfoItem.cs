using System.Linq.Expressions;
using SmartUnion.Domain.Services;

namespace SmartUnion.Domain.Entities;

/// <summary>
/// An information item (公文) a unit submits to the federation, and the one home of its rules: 上报, 驳回 (with its
/// reason rule), 撤销驳回, 采用 (never a rejected or unreported item), and the lock of an adopted item (not edited,
/// deleted or rejected). The state moves only through these methods; pages ask the <c>…Refusal</c> members (or a DTO
/// flag computed from them) instead of repeating a rule.
/// </summary>
public class InfoItem : ITimestamped
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int RejectReasonMaxLength = 500;

    /// <summary>The adopted-item lock, as the manual words it.</summary>
    public const string AdoptedLockMessage = "已录用的公文不可以修改或删除";
    public const string RejectAdoptedMessage = "已被录用的公文不可以被驳回";
    public const string AdoptRejectedMessage = "已驳回的公文不可以被采用";
    public const string AdoptDraftMessage = "未上报的公文不可以被采用";

    /// <summary>A new draft of the author's unit; title, body and category as validated by the service.</summary>
    public static InfoItem NewDraft(int unitId, string authorId, string title, string body, InfoCategory category) => new()
    {
        UnitId = unitId, AuthorId = authorId, Title = title, Body = body, Category = category, State = ItemState.Draft,
    };

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public InfoCategory Category { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string AuthorId { get; set; } = "";
    public AppUser? Author { get; set; }
    /// <summary>Filled on save (<see cref="Data.TimestampInterceptor"/>); set only to date seeded or test rows in the past.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Filled on save (<see cref="Data.TimestampInterceptor"/>).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>上报日期 (UTC); null while a draft that was never reported.</summary>
    public DateTime? ReportedAt { get; private set; }
    public ItemState State { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTime? RejectedAt { get; private set; }
    public string? RejectedById { get; private set; }
    /// <summary>Optimistic concurrency token: every state change bumps it.</summary>
    public int Version { get; private set; }
    /// <summary>The 约稿 this item answers, if any (chosen by the reporter; <see cref="Services.CommissionService"/>).</summary>
    public int? CommissionId { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
    public List<Adoption> Adoptions { get; set; } = [];
    /// <summary>合报: the units sharing the item's points (empty for an item of one unit; see <see cref="ItemShare"/>).</summary>
    public List<ItemShare> Shares { get; set; } = [];
    /// <summary>领导批示 recorded on the item.</summary>
    public List<Instruction> Instructions { get; set; } = [];

    /// <summary>Whether the item carries an adoption (state 已录用, or adoptions loaded with it).</summary>
    public bool IsAdopted => State == ItemState.Adopted || Adoptions.Count > 0;

    /// <summary>The adopted-item lock in a query: the items that carry an adoption.</summary>
    public static readonly Expression<Func<InfoItem, bool>> IsAdoptedQuery = i => i.State == ItemState.Adopted || i.Adoptions.Any();

    /// <summary>Whether title, body, category and attachments may change (not adopted).</summary>
    public bool IsEditable => EditRefusal is null;

    /// <summary>Why the item may not be edited or deleted (the adopted-item lock), or null.</summary>
    public string? EditRefusal => EditRefusalFor(State, Adoptions.Count > 0);

    /// <summary>The adopted-item lock for a row read without its entity (a list row, a projection).</summary>
    public static string? EditRefusalFor(ItemState state, bool hasAdoptions = false) =>
        state == ItemState.Adopted || hasAdoptions ? AdoptedLockMessage : null;

    /// <summary>Why a reviewer may not 驳回 the item now, or null.</summary>
    public string? RejectRefusal => RejectRefusalFor(State, Adoptions.Count > 0);

    /// <summary>The 驳回 rule for a row read without its entity.</summary>
    public static string? RejectRefusalFor(ItemState state, bool hasAdoptions = false) => state switch
    {
        _ when state == ItemState.Adopted || hasAdoptions => RejectAdoptedMessage,
        ItemState.Draft => "未上报的公文不可以被驳回",
        ItemState.Rejected => "该公文已被驳回",
        _ => null,
    };

    /// <summary>Why a reviewer may not 采用 the item (add an adoption) now, or null: it must be reported and not rejected.</summary>
    public string? AdoptRefusal => AdoptRefusalFor(State);

    /// <summary>The 采用 rule for a row read without its entity.</summary>
    public static string? AdoptRefusalFor(ItemState state) => state switch
    {
        ItemState.Draft => AdoptDraftMessage,
        ItemState.Rejected => AdoptRejectedMessage,
        _ => null,
    };

    /// <summary>
    /// The 驳回理由 rule: required, at most <see cref="RejectReasonMaxLength"/> characters, no unsafe characters.
    /// Returns the Chinese message, or null when the (trimmed) reason is acceptable.
    /// </summary>
    public static string? RejectReasonError(string? reason)
    {
        var text = (reason ?? "").Trim();
        if (text.Length == 0) return "请填写驳回理由";
        if (text.Length > RejectReasonMaxLength) return $"驳回理由不能超过{RejectReasonMaxLength}个字";
        return TextRules.UnsafeCharacterError(text, "驳回理由", multiline: true);
    }

    /// <summary>The trimmed 驳回理由, or a <see cref="DomainException"/> with <see cref="RejectReasonError"/>.</summary>
    public static string CheckRejectReason(string? reason) =>
        RejectReasonError(reason) is { } error ? throw new DomainException(error) : reason!.Trim();

    /// <summary>上报: a draft or a rejected item becomes reported, dated now.</summary>
    public void Report(DateTime now)
    {
        if (State is not (ItemState.Draft or ItemState.Rejected))
            throw new DomainException(State == ItemState.Adopted
                ? "已录用的公文不可以再次上报"
                : "该公文已上报，无需重复上报");
        State = ItemState.Reported;
        ReportedAt = now;
        ClearRejection();
        BumpVersion();
    }

    /// <summary>驳回 with a reason (<see cref="RejectReasonError"/>); refused once the item carries any adoption.</summary>
    public void Reject(string reason, string reviewerId, DateTime now)
    {
        if (RejectRefusal is { } refusal) throw new DomainException(refusal);
        var checkedReason = CheckRejectReason(reason);
        State = ItemState.Rejected;
        RejectReason = checkedReason;
        RejectedAt = now;
        RejectedById = reviewerId;
        BumpVersion();
    }

    /// <summary>
    /// 撤销驳回: a rejection made by mistake is taken back and the item is reported again, with its original 上报日期
    /// (the reporter did not report it anew); the 驳回理由 goes.
    /// </summary>
    public void UndoReject()
    {
        if (State != ItemState.Rejected)
            throw new DomainException("该公文未被驳回，不能撤销驳回");
        State = ItemState.Reported;
        ClearRejection();
        BumpVersion();
    }

    /// <summary>Edits title, body and category; refused for adopted items.</summary>
    public void Edit(string title, string body, InfoCategory category)
    {
        EnsureEditable();
        Title = title;
        Body = body;
        Category = category;
        BumpVersion();
    }

    /// <summary>Throws the adopted-item lock (修改, 删除, 附件) as a <see cref="DomainException"/>.</summary>
    public void EnsureEditable()
    {
        if (EditRefusal is { } refusal) throw new DomainException(refusal);
    }

    /// <summary>Throws when the item's adoptions may not change at all: an unreported item is not reviewed.</summary>
    public void EnsureAdoptionsCanChange()
    {
        if (State == ItemState.Draft) throw new DomainException(AdoptDraftMessage);
    }

    /// <summary>
    /// 采用 and its corrections: adds and removes adoptions (adding needs <see cref="AdoptRefusal"/> null); the state
    /// then follows whether any adoption remains (已录用, or back to 已上报).
    /// </summary>
    public void ChangeAdoptions(IReadOnlyCollection<Adoption> added, IReadOnlyCollection<Adoption> removed)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removed);
        EnsureAdoptionsCanChange();
        if (added.Count > 0 && AdoptRefusal is { } refusal) throw new DomainException(refusal);
        foreach (var a in removed) Adoptions.Remove(a);
        Adoptions.AddRange(added);
        if (Adoptions.Count > 0) State = ItemState.Adopted;
        else if (State == ItemState.Adopted) State = ItemState.Reported;
        BumpVersion();
    }

    private void ClearRejection()
    {
        RejectReason = null;
        RejectedAt = null;
        RejectedById = null;
    }

    private void BumpVersion() => Version++;
}
