.class public Lorg/dexflow/sample/ownprovider/contacts/Sources;
.super Ljava/lang/Object;
.source "Sources.java"

# "static final Uri CONTACTS = Uri.parse(...)": set by the static initializer, like the
# provider's CONTENT_URI, but naming the platform's contacts provider.
.field public static final CONTACTS:Landroid/net/Uri;

.method static constructor <clinit>()V
    .registers 1
    const-string v0, "content://com.android.contacts/contacts"
    invoke-static {v0}, Landroid/net/Uri;->parse(Ljava/lang/String;)Landroid/net/Uri;
    move-result-object v0
    sput-object v0, Lorg/dexflow/sample/ownprovider/contacts/Sources;->CONTACTS:Landroid/net/Uri;
    return-void
.end method
