namespace SmartUnion.Domain.Entities;

/// <summary>A file attached to an item (附件), stored in the data folder under a generated name.</summary>
public class Attachment
{
    public int Id { get; set; }
    public int InfoItemId { get; set; }
    public InfoItem? InfoItem { get; set; }
    public string FileName { get; set; } = "";
    public string StoredName { get; set; } = "";
    public long Size { get; set; }
    public string ContentType { get; set; } = "application/octet-stream";
    public string Sha256 { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedById { get; set; } = "";
}
