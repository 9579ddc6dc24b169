namespace SmartUnion.Domain.Entities;

/// <summary>A rule refused the operation; the message is Chinese and fit to show the user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The object does not exist or lies outside the caller's scope; the two are indistinguishable on purpose.</summary>
public class NotFoundException(string message = "未找到该记录或无权访问") : DomainException(message);

/// <summary>The caller's role does not allow the operation.</summary>
public class ForbiddenException(string message = "无权执行此操作") : DomainException(message);

/// <summary>Someone else changed the object since it was read.</summary>
public class ConcurrencyException(string message = "已被他人修改，请刷新") : DomainException(message);
