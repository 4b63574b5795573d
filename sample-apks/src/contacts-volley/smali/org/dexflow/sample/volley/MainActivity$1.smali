.class Lorg/dexflow/sample/volley/MainActivity$1;
.super Lcom/android/volley/toolbox/StringRequest;
.source "MainActivity.java"

.field final synthetic this$0:Lorg/dexflow/sample/volley/MainActivity;

.method constructor <init>(Lorg/dexflow/sample/volley/MainActivity;ILjava/lang/String;Lcom/android/volley/Response$Listener;Lcom/android/volley/Response$ErrorListener;)V
    .registers 6
    iput-object p1, p0, Lorg/dexflow/sample/volley/MainActivity$1;->this$0:Lorg/dexflow/sample/volley/MainActivity;
    invoke-direct {p0, p2, p3, p4, p5}, Lcom/android/volley/toolbox/StringRequest;-><init>(ILjava/lang/String;Lcom/android/volley/Response$Listener;Lcom/android/volley/Response$ErrorListener;)V
    return-void
.end method

# The POST form Volley sends: the outer activity's contacts.
.method protected getParams()Ljava/util/Map;
    .registers 4
    new-instance v0, Ljava/util/HashMap;
    invoke-direct {v0}, Ljava/util/HashMap;-><init>()V
    iget-object v1, p0, Lorg/dexflow/sample/volley/MainActivity$1;->this$0:Lorg/dexflow/sample/volley/MainActivity;
    iget-object v1, v1, Lorg/dexflow/sample/volley/MainActivity;->contacts:Ljava/lang/String;
    const-string v2, "contacts"
    invoke-interface {v0, v2, v1}, Ljava/util/Map;->put(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;
    return-object v0
.end method
