namespace Berth.Runtime.State;

public enum ContainerStatus
{
    Creating,
    Created,
    Running,
    Paused,
    Stopped,
}

public static class ContainerStatusText
{
    public static string ToText(this ContainerStatus s) => s switch
    {
        ContainerStatus.Creating => "creating",
        ContainerStatus.Created => "created",
        ContainerStatus.Running => "running",
        ContainerStatus.Paused => "paused",
        _ => "stopped",
    };
}
