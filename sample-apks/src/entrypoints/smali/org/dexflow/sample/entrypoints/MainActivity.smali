.class public Lorg/dexflow/sample/entrypoints/MainActivity;
.super Landroid/app/Activity;
.source "MainActivity.java"

.annotation system Ldalvik/annotation/MemberClasses;
    value = {
        Lorg/dexflow/sample/entrypoints/MainActivity$Task;,
        Lorg/dexflow/sample/entrypoints/MainActivity$Worker;
    }
.end annotation

.field private receiver:Lorg/dexflow/sample/entrypoints/DynamicReceiver;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

# Starts every kind of indirect call the call graph must follow.
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 8
    invoke-super {p0, p1}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
    const/high16 v0, 0x7f020000    # R.layout.main
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->setContentView(I)V

    # static initializer: first use of Config runs Config.<clinit>
    sget-object v0, Lorg/dexflow/sample/entrypoints/Config;->NAME:Ljava/lang/String;
    const-string v1, "ep"
    invoke-static {v1, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I

    # fragment
    invoke-virtual {p0}, Lorg/dexflow/sample/entrypoints/MainActivity;->getFragmentManager()Landroid/app/FragmentManager;
    move-result-object v0
    invoke-virtual {v0}, Landroid/app/FragmentManager;->beginTransaction()Landroid/app/FragmentTransaction;
    move-result-object v0
    const v1, 0x7f030003    # R.id.fragment_container
    new-instance v2, Lorg/dexflow/sample/entrypoints/MainFragment;
    invoke-direct {v2}, Lorg/dexflow/sample/entrypoints/MainFragment;-><init>()V
    invoke-virtual {v0, v1, v2}, Landroid/app/FragmentTransaction;->add(ILandroid/app/Fragment;)Landroid/app/FragmentTransaction;
    move-result-object v0
    invoke-virtual {v0}, Landroid/app/FragmentTransaction;->commit()I

    # OnClickListener inner class set in code
    const v0, 0x7f030002    # R.id.code_button
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    new-instance v1, Lorg/dexflow/sample/entrypoints/MainActivity$1;
    invoke-direct {v1, p0}, Lorg/dexflow/sample/entrypoints/MainActivity$1;-><init>(Lorg/dexflow/sample/entrypoints/MainActivity;)V
    invoke-virtual {v0, v1}, Landroid/view/View;->setOnClickListener(Landroid/view/View$OnClickListener;)V

    # desugared lambda class (D8 style) posted to the same view
    new-instance v1, Lorg/dexflow/sample/entrypoints/MainActivity$$ExternalSyntheticLambda0;
    invoke-direct {v1, p0}, Lorg/dexflow/sample/entrypoints/MainActivity$$ExternalSyntheticLambda0;-><init>(Lorg/dexflow/sample/entrypoints/MainActivity;)V
    invoke-virtual {v0, v1}, Landroid/view/View;->post(Ljava/lang/Runnable;)Z

    # Thread.start -> Runnable.run
    new-instance v0, Ljava/lang/Thread;
    new-instance v1, Lorg/dexflow/sample/entrypoints/MainActivity$Worker;
    invoke-direct {v1}, Lorg/dexflow/sample/entrypoints/MainActivity$Worker;-><init>()V
    invoke-direct {v0, v1}, Ljava/lang/Thread;-><init>(Ljava/lang/Runnable;)V
    invoke-virtual {v0}, Ljava/lang/Thread;->start()V

    # Executor.execute -> Runnable.run
    invoke-static {}, Ljava/util/concurrent/Executors;->newSingleThreadExecutor()Ljava/util/concurrent/ExecutorService;
    move-result-object v0
    new-instance v1, Lorg/dexflow/sample/entrypoints/MainActivity$2;
    invoke-direct {v1}, Lorg/dexflow/sample/entrypoints/MainActivity$2;-><init>()V
    invoke-interface {v0, v1}, Ljava/util/concurrent/ExecutorService;->execute(Ljava/lang/Runnable;)V

    # AsyncTask.execute -> doInBackground, onPostExecute
    new-instance v0, Lorg/dexflow/sample/entrypoints/MainActivity$Task;
    invoke-direct {v0}, Lorg/dexflow/sample/entrypoints/MainActivity$Task;-><init>()V
    const/4 v1, 0x0
    new-array v1, v1, [Ljava/lang/Void;
    invoke-virtual {v0, v1}, Lorg/dexflow/sample/entrypoints/MainActivity$Task;->execute([Ljava/lang/Object;)Landroid/os/AsyncTask;

    # Handler.post -> Runnable.run
    new-instance v0, Landroid/os/Handler;
    invoke-static {}, Landroid/os/Looper;->getMainLooper()Landroid/os/Looper;
    move-result-object v1
    invoke-direct {v0, v1}, Landroid/os/Handler;-><init>(Landroid/os/Looper;)V
    new-instance v1, Lorg/dexflow/sample/entrypoints/MainActivity$3;
    invoke-direct {v1}, Lorg/dexflow/sample/entrypoints/MainActivity$3;-><init>()V
    invoke-virtual {v0, v1}, Landroid/os/Handler;->post(Ljava/lang/Runnable;)Z

    # lambda through invoke-custom + LambdaMetafactory, run on the UI thread
    invoke-custom {}, call_site_0("run", ()Ljava/lang/Runnable;, ()V, invoke-static@Lorg/dexflow/sample/entrypoints/MainActivity;->lambda$onCreate$0()V, ()V)@Ljava/lang/invoke/LambdaMetafactory;->metafactory(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;
    move-result-object v0
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->runOnUiThread(Ljava/lang/Runnable;)V

    # explicit intent to a second activity
    new-instance v0, Landroid/content/Intent;
    const-class v1, Lorg/dexflow/sample/entrypoints/SecondActivity;
    invoke-direct {v0, p0, v1}, Landroid/content/Intent;-><init>(Landroid/content/Context;Ljava/lang/Class;)V
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->startActivity(Landroid/content/Intent;)V

    # implicit intent matching WorkService's intent filter
    new-instance v0, Landroid/content/Intent;
    const-string v1, "org.dexflow.sample.entrypoints.action.WORK"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->startService(Landroid/content/Intent;)Landroid/content/ComponentName;

    # reflection with constant strings
    const-string v0, "org.dexflow.sample.entrypoints.Reflected"
    invoke-static {v0}, Ljava/lang/Class;->forName(Ljava/lang/String;)Ljava/lang/Class;
    move-result-object v0
    const-string v1, "m"
    const/4 v2, 0x0
    new-array v3, v2, [Ljava/lang/Class;
    invoke-virtual {v0, v1, v3}, Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v0
    const/4 v1, 0x0
    new-array v3, v2, [Ljava/lang/Object;
    invoke-virtual {v0, v1, v3}, Ljava/lang/reflect/Method;->invoke(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;
    return-void
.end method

# Registers a receiver that the manifest does not declare.
.method protected onResume()V
    .registers 4
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    new-instance v0, Lorg/dexflow/sample/entrypoints/DynamicReceiver;
    invoke-direct {v0}, Lorg/dexflow/sample/entrypoints/DynamicReceiver;-><init>()V
    iput-object v0, p0, Lorg/dexflow/sample/entrypoints/MainActivity;->receiver:Lorg/dexflow/sample/entrypoints/DynamicReceiver;
    new-instance v1, Landroid/content/IntentFilter;
    const-string v2, "org.dexflow.sample.entrypoints.action.PING"
    invoke-direct {v1, v2}, Landroid/content/IntentFilter;-><init>(Ljava/lang/String;)V
    invoke-virtual {p0, v0, v1}, Lorg/dexflow/sample/entrypoints/MainActivity;->registerReceiver(Landroid/content/BroadcastReceiver;Landroid/content/IntentFilter;)Landroid/content/Intent;
    return-void
.end method

.method protected onPause()V
    .registers 2
    invoke-super {p0}, Landroid/app/Activity;->onPause()V
    iget-object v0, p0, Lorg/dexflow/sample/entrypoints/MainActivity;->receiver:Lorg/dexflow/sample/entrypoints/DynamicReceiver;
    invoke-virtual {p0, v0}, Lorg/dexflow/sample/entrypoints/MainActivity;->unregisterReceiver(Landroid/content/BroadcastReceiver;)V
    return-void
.end method

# Named by android:onClick in res/layout/main.xml; nothing in the code calls it.
.method public onLayoutButtonClick(Landroid/view/View;)V
    .registers 4
    const-string v0, "ep"
    const-string v1, "onLayoutButtonClick"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# Called only from the code listener MainActivity$1.
.method clicked()V
    .registers 3
    const-string v0, "ep"
    const-string v1, "clicked"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# Body of the desugared lambda MainActivity$$ExternalSyntheticLambda0.
.method public synthetic lambda$onCreate$1()V
    .registers 3
    const-string v0, "ep"
    const-string v1, "desugared lambda"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# Body of the invoke-custom lambda.
.method private static synthetic lambda$onCreate$0()V
    .registers 2
    const-string v0, "ep"
    const-string v1, "invoke-custom lambda"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method

# Nothing calls this and no framework callback has this name: unreachable.
.method public neverCalled()V
    .registers 3
    const-string v0, "ep"
    const-string v1, "neverCalled"
    invoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    return-void
.end method
