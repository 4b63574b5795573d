.class public Lorg/dexflow/sample/ownprovider/contacts/PhotoProvider;
.super Landroid/content/ContentProvider;
.source "PhotoProvider.java"

# The app's own provider: the photo captions it caches. CONTENT_URI is set by the static
# initializer, as javac compiles "static final Uri CONTENT_URI = Uri.parse(...)".
.field public static final CONTENT_URI:Landroid/net/Uri;

.method static constructor <clinit>()V
    .registers 1
    const-string v0, "content://org.dexflow.sample.ownprovider.contacts.photos/photos"
    invoke-static {v0}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v0
    sput-object v0, Lorg/dexflow/sample/ownprovider/contacts/PhotoProvider;->CONTENT_URI:Landroid/net/Uri;
    return-void
.end method

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/content/ContentProvider;-><init>()V
    return-void
.end method

.method public onCreate()Z
    .registers 2
    const/4 v0, 0x1
    return v0
.end method

.method public query(Landroid/net/Uri;[Ljava/lang/String;Ljava/lang/String;[Ljava/lang/String;Ljava/lang/String;)Landroid/database/Cursor;
    .registers 7
    const/4 v0, 0x0
    return-object v0
.end method

.method public getType(Landroid/net/Uri;)Ljava/lang/String;
    .registers 3
    const/4 v0, 0x0
    return-object v0
.end method

.method public insert(Landroid/net/Uri;Landroid/content/ContentValues;)Landroid/net/Uri;
    .registers 4
    const/4 v0, 0x0
    return-object v0
.end method

.method public delete(Landroid/net/Uri;Ljava/lang/String;[Ljava/lang/String;)I
    .registers 5
    const/4 v0, 0x0
    return v0
.end method

.method public update(Landroid/net/Uri;Landroid/content/ContentValues;Ljava/lang/String;[Ljava/lang/String;)I
    .registers 6
    const/4 v0, 0x0
    return v0
.end method
