.class public Lorg/dexflow/sample/backup/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

# Stream provenance: the same kind of write call is a file write or a network upload depending
# on where its stream came from. Contact names are written (1) straight into a private file,
# (2) through a helper that takes any OutputStream, called with a file stream, and (3) through
# a helper that wraps any OutputStream in a BufferedWriter, called with the stream of an
# HttpURLConnection. Only (3) sends personal data over the network.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onCreate(Landroid/os/Bundle;)V
    .registers 10
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V

    invoke-virtual {p0}, Lorg/dexflow/sample/backup/MainActivity;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    sget-object v1, Landroid/provider/ContactsContract$Contacts;->CONTENT_URI:Landroid/net/Uri;
    const/4 v2, 0x0
    move-object v3, v2
    move-object v4, v2
    move-object v5, v2
    invoke-virtual/range {v0 .. v5}, Landroid/content/ContentResolver;->query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    move-result-object v0

    new-instance v1, Ljava/lang/StringBuilder;
    invoke-direct {v1}, Ljava/lang/StringBuilder;-><init>()V

    :loop
    invoke-interface {v0}, Landroid/database/Cursor;->moveToNext()Z
    move-result v2
    if-eqz v2, :done
    const-string v2, "display_name"
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getColumnIndex(Ljava/lang/String;)I
    move-result v2
    invoke-interface {v0, v2}, Landroid/database/Cursor;->getString(I)Ljava/lang/String;
    move-result-object v2
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    const-string v2, "\n"
    invoke-virtual {v1, v2}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)Ljava/lang/StringBuilder;
    goto :loop

    :done
    invoke-interface {v0}, Landroid/database/Cursor;->close()V
    invoke-virtual {v1}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;
    move-result-object v1
    invoke-virtual {v1}, Ljava/lang/String;->getBytes()[B
    move-result-object v2

    # (1) a private file, written here
    const-string v3, "contacts.bak"
    const/4 v4, 0x0
    invoke-virtual {p0, v3, v4}, Lorg/dexflow/sample/backup/MainActivity;->openFileOutput(Ljava/lang/String;I)Ljava/io/FileOutputStream;
    move-result-object v3
    invoke-virtual {v3, v2}, Ljava/io/FileOutputStream;->write([B)V
    invoke-virtual {v3}, Ljava/io/FileOutputStream;->close()V

    # (2) another file, written by a helper that takes any stream
    new-instance v3, Ljava/io/FileOutputStream;
    const-string v4, "/sdcard/contacts.txt"
    invoke-direct {v3, v4}, Ljava/io/FileOutputStream;-><init>(Ljava/lang/String;)V
    invoke-static {v3, v2}, Lorg/dexflow/sample/backup/MainActivity;->store(Ljava/io/OutputStream;[B)V

    # (3) the network: an HttpURLConnection's stream, written by a helper through a wrapper
    new-instance v3, Ljava/net/URL;
    const-string v4, "https://backup.example.com/contacts"
    invoke-direct {v3, v4}, Ljava/net/URL;-><init>(Ljava/lang/String;)V
    invoke-virtual {v3}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;
    move-result-object v3
    check-cast v3, Ljava/net/HttpURLConnection;
    const/4 v4, 0x1
    invoke-virtual {v3, v4}, Ljava/net/HttpURLConnection;->setDoOutput(Z)V
    invoke-virtual {v3}, Ljava/net/HttpURLConnection;->getOutputStream()Ljava/io/OutputStream;
    move-result-object v4
    invoke-static {v4, v1}, Lorg/dexflow/sample/backup/MainActivity;->upload(Ljava/io/OutputStream;Ljava/lang/String;)V
    invoke-virtual {v3}, Ljava/net/HttpURLConnection;->getResponseCode()I
    return-void
.end method

.method static store(Ljava/io/OutputStream;[B)V
    .registers 2
    invoke-virtual {p0, p1}, Ljava/io/OutputStream;->write([B)V
    invoke-virtual {p0}, Ljava/io/OutputStream;->close()V
    return-void
.end method

.method static upload(Ljava/io/OutputStream;Ljava/lang/String;)V
    .registers 4
    new-instance v0, Ljava/io/BufferedWriter;
    new-instance v1, Ljava/io/OutputStreamWriter;
    invoke-direct {v1, p0}, Ljava/io/OutputStreamWriter;-><init>(Ljava/io/OutputStream;)V
    invoke-direct {v0, v1}, Ljava/io/BufferedWriter;-><init>(Ljava/io/Writer;)V
    invoke-virtual {v0, p1}, Ljava/io/BufferedWriter;->write(Ljava/lang/String;)V
    invoke-virtual {v0}, Ljava/io/BufferedWriter;->close()V
    return-void
.end method
