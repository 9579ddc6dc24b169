using Microsoft.AspNetCore.Identity;

namespace SmartUnion.Domain.Entities;

/// <summary>A signed-in person: an Identity user with a display name and exactly one unit.</summary>
public class AppUser : IdentityUser, ICreatedAt
{
    public string DisplayName { get; set; } = "";
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by an admin's 重置密码: the user must choose a new password before doing anything else.</summary>
    public bool MustChangePassword { get; set; }
}
