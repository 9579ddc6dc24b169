namespace SmartUnion.Domain.Entities;

/// <summary>An information item (公文) a unit submits to the federation.</summary>
public class InfoItem
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int RejectReasonMaxLength = 500;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public InfoCategory Category { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string AuthorId { get; set; } = "";
    public AppUser? Author { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>上报日期 (UTC); null while a draft that was never reported.</summary>
    public DateTime? ReportedAt { get; set; }
    public ItemState State { get; set; }
    public string? RejectReason { get; set; }
    public DateTime? RejectedAt { get; set; }
    public string? RejectedById { get; set; }
    /// <summary>Optimistic concurrency token: every state change bumps it.</summary>
    public int Version { get; set; }

    public List<Attachment> Attachments { get; set; } = [];
    public List<Adoption> Adoptions { get; set; } = [];

    public bool IsEditable => State != ItemState.Adopted;

    /// <summary>上报: a draft or a rejected item becomes reported, dated now.</summary>
    public void Report(DateTime now)
    {
        if (State is not (ItemState.Draft or ItemState.Rejected))
            throw new DomainException(State == ItemState.Adopted
                ? "已录用的公文不可以再次上报"
                : "该公文已上报，无需重复上报");
        State = ItemState.Reported;
        ReportedAt = now;
        RejectReason = null;
        RejectedAt = null;
        RejectedById = null;
        Touch(now);
    }

    /// <summary>驳回 with a reason; refused once the item carries any adoption.</summary>
    public void Reject(string reason, string reviewerId, DateTime now)
    {
        if (State == ItemState.Adopted || Adoptions.Count > 0)
            throw new DomainException("已被录用的公文不可以被驳回");
        if (State == ItemState.Draft)
            throw new DomainException("未上报的公文不可以被驳回");
        if (State == ItemState.Rejected)
            throw new DomainException("该公文已被驳回");
        reason = (reason ?? "").Trim();
        if (reason.Length == 0)
            throw new DomainException("请填写驳回理由");
        if (reason.Length > RejectReasonMaxLength)
            throw new DomainException($"驳回理由不能超过{RejectReasonMaxLength}个字");
        State = ItemState.Rejected;
        RejectReason = reason;
        RejectedAt = now;
        RejectedById = reviewerId;
        Touch(now);
    }

    /// <summary>
    /// 撤销驳回: a rejection made by mistake is taken back and the item is reported again, with its original 上报日期
    /// (the reporter did not report it anew); the 驳回理由 goes.
    /// </summary>
    public void UndoReject(DateTime now)
    {
        if (State != ItemState.Rejected)
            throw new DomainException("该公文未被驳回，不能撤销驳回");
        State = ItemState.Reported;
        RejectReason = null;
        RejectedAt = null;
        RejectedById = null;
        Touch(now);
    }

    /// <summary>Edits title, body and category; refused for adopted items.</summary>
    public void Edit(string title, string body, InfoCategory category, DateTime now)
    {
        EnsureEditable();
        Title = title;
        Body = body;
        Category = category;
        Touch(now);
    }

    public void EnsureEditable()
    {
        if (State == ItemState.Adopted)
            throw new DomainException("已录用的公文不可以修改或删除");
    }

    /// <summary>Called after adoptions were added or removed: the state follows whether any adoption remains.</summary>
    public void SyncAdoptionState(DateTime now)
    {
        if (Adoptions.Count > 0)
        {
            if (State == ItemState.Rejected)
                throw new DomainException("已驳回的公文不可以被采用");
            State = ItemState.Adopted;
        }
        else if (State == ItemState.Adopted)
        {
            State = ItemState.Reported;
        }
        Touch(now);
    }

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
